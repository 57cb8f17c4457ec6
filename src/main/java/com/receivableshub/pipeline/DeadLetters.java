package com.receivableshub.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The dead-letter store as operators see it, over REST ({@code /api/v1/operator/dead-letters}) and from the command
 * line ({@code dead-letters list|show|replay}): what could not be delivered and why, and a replay that puts it back
 * in the outbox once.
 */
@Component
public class DeadLetters {

    /** What a replay did. */
    public enum Replay {
        /** Back in the outbox; the relay delivers it with the same message id. */
        REPLAYING,
        /** It was replayed before; nothing changed. */
        ALREADY_REPLAYED,
        /** There is no dead letter with this id. */
        UNKNOWN
    }

    private static final String COLUMNS = "d.id, d.message_id, d.receiver, d.destination, d.type, d.reason,"
            + " d.attempts, d.failed_at, d.last_status, d.replayed_at";

    private final JdbcTemplate jdbc;
    private final Outbox outbox;

    public DeadLetters(JdbcTemplate jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** The newest dead letters first, at most {@code limit}, each with the delivery status of its outbox row. */
    public List<Map<String, Object>> list(int limit) {
        return jdbc.queryForList("SELECT " + COLUMNS + ", o.status AS delivery FROM dead_letter d"
                + " JOIN outbox o ON o.id = d.outbox_id ORDER BY d.id DESC LIMIT ?", limit);
    }

    /** One dead letter with the message as it was to be sent ({@code body}, UTF-8). */
    public Optional<Map<String, Object>> show(long id) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT " + COLUMNS + ", o.status AS delivery, o.body"
                + " FROM dead_letter d JOIN outbox o ON o.id = d.outbox_id WHERE d.id = ?", id);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> row = new LinkedHashMap<>(rows.get(0));
        row.put("body", new String((byte[]) row.get("body"), StandardCharsets.UTF_8));
        return Optional.of(row);
    }

    /** Puts the dead letter back in the outbox, once. */
    public Replay replay(long id) {
        if (outbox.replay(id)) {
            return Replay.REPLAYING;
        }
        boolean exists = !jdbc.queryForList("SELECT id FROM dead_letter WHERE id = ?", Long.class, id).isEmpty();
        return exists ? Replay.ALREADY_REPLAYED : Replay.UNKNOWN;
    }
}
