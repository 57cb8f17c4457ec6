package com.receivableshub.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.receivableshub.support.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The relay's rounds: the oldest due rows, in order, as many as fit in a number of body bytes (at least one); a row
 * waiting for its retry is passed over, and bodies come back exactly as stored. On H2 here and on PostgreSQL in
 * {@link OutboxDuePostgresTest}.
 */
class OutboxDueTest {

    final TestDatabase db = database();
    private final Outbox outbox = new Outbox(db.jdbc(), Clock.systemUTC());

    TestDatabase database() {
        return TestDatabase.h2();
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void takesTheOldestDueRowsThatFitInTheByteBudgetAndPassesOverOnesWaitingForARetry() {
        for (int i = 1; i <= 6; i++) {
            add("m-" + i, 1000);
        }
        List<OutboxMessage> all = outbox.due(100);
        outbox.markRetry(all.get(1).id(), "broker down", Instant.now().plusSeconds(3600));

        // m-1, (m-2 waits), m-3, m-4 fit in 3,000 bytes; m-5 would not
        assertThat(outbox.due(100, 3000)).extracting(OutboxMessage::messageId).containsExactly("m-1", "m-3", "m-4");
        assertThat(outbox.due(2, 1_000_000)).extracting(OutboxMessage::messageId).containsExactly("m-1", "m-3");
        outbox.markSent(List.of(all.get(0).id(), all.get(2).id(), all.get(3).id()));
        assertThat(outbox.due(100, 3000)).extracting(OutboxMessage::messageId).containsExactly("m-5", "m-6");
    }

    @Test
    void aRowLargerThanTheBudgetIsStillTakenAloneAndItsBodyComesBackByteForByte() {
        byte[] big = add("big", 3 * 1024 * 1024);
        add("small", 10);
        List<OutboxMessage> round = outbox.due(100, 1024);
        assertThat(round).extracting(OutboxMessage::messageId).containsExactly("big");
        assertThat(round.get(0).body()).isEqualTo(big);
        // the same statement again and again, as the relay makes it (PostgreSQL's driver prepares it after a few)
        for (int i = 0; i < 8; i++) {
            assertThat(outbox.due(100, 4 * 1024 * 1024).get(0).body()).isEqualTo(big);
        }
    }

    private byte[] add(String messageId, int size) {
        byte[] body = new byte[size];
        for (int i = 0; i < size; i++) {
            body[i] = (byte) (i * 31 + messageId.length());
        }
        body[0] = 0;
        body[size - 1] = (byte) 0xFF;
        outbox.add(messageId, Channel.QUEUE, "funder.x", "91350100705432100M", "FEED_BATCH", null,
                Arrays.copyOf(body, size));
        return body;
    }
}
