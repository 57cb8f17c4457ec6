package com.receivableshub.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.receivableshub.pipeline.DeadLetters.Replay;
import com.receivableshub.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** A dead letter is replayed once; a replayed letter that fails again is the same letter, open for another replay. */
class DeadLettersTest {

    private final TestDatabase db = TestDatabase.h2();
    private final JdbcTemplate jdbc = db.jdbc();
    private final Outbox outbox = new Outbox(jdbc, Clock.systemUTC());
    private final DeadLetters deadLetters = new DeadLetters(jdbc, outbox);

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void aReplayedLetterThatFailsAgainCanBeReplayedAgainAndStaysOneLetter() {
        outbox.add("m-1", Channel.HTTP, "erp:/trades", "91350100705432100M", "TRADE", null,
                "{}".getBytes(StandardCharsets.UTF_8));
        OutboxMessage first = outbox.due(10).get(0);
        outbox.markDead(first, "HTTP 400 from the ERP", 400);
        long id = onlyLetter().get("id") instanceof Number n ? n.longValue() : -1;

        assertThat(deadLetters.replay(id)).isEqualTo(Replay.REPLAYING);
        assertThat(deadLetters.replay(id)).isEqualTo(Replay.ALREADY_REPLAYED);
        OutboxMessage again = outbox.due(10).get(0);
        assertThat(again.messageId()).isEqualTo("m-1");
        outbox.markDead(again, "HTTP 422 from the ERP", 422);

        Map<String, Object> letter = onlyLetter();
        assertThat(((Number) letter.get("id")).longValue()).isEqualTo(id);
        assertThat(letter.get("reason")).isEqualTo("HTTP 422 from the ERP");
        assertThat(letter.get("replayed_at")).isNull();
        assertThat(outbox.due(10)).isEmpty();
        assertThat(deadLetters.replay(id)).isEqualTo(Replay.REPLAYING);
        assertThat(outbox.due(10)).extracting(OutboxMessage::messageId).containsExactly("m-1");
        assertThat(deadLetters.replay(id + 1)).isEqualTo(Replay.UNKNOWN);
    }

    private Map<String, Object> onlyLetter() {
        List<Map<String, Object>> letters = jdbc.queryForList("SELECT id, reason, replayed_at FROM dead_letter");
        assertThat(letters).hasSize(1);
        return letters.get(0);
    }
}
