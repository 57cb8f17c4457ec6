package com.receivableshub.pipeline;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Messages to deliver, written with the state that caused them and moved out by the relay route. */
@Component
public class Outbox {

    static final String PENDING = "PENDING";
    static final String SENT = "SENT";
    static final String DEAD = "DEAD";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public Outbox(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void add(String messageId, Channel channel, String destination, String receiver, String type,
                    String correlationId, byte[] body) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("INSERT INTO outbox (message_id, channel, destination, receiver, type, correlation_id, body, status,"
                        + " attempts, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
                messageId, channel.name(), destination, receiver, type, correlationId, body, PENDING, now, now);
    }

    /** The oldest rows due for delivery. */
    public List<OutboxMessage> due(int limit) {
        return jdbc.query("SELECT id, message_id, channel, destination, receiver, type, correlation_id, body, attempts"
                        + " FROM outbox WHERE status = ? AND next_attempt_at <= ? ORDER BY id LIMIT ?",
                (rs, i) -> new OutboxMessage(rs.getLong(1), rs.getString(2), Channel.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getBytes(8),
                        rs.getInt(9)),
                PENDING, Timestamp.from(clock.instant()), limit);
    }

    public void markSent(long id) {
        jdbc.update("UPDATE outbox SET status = ?, sent_at = ?, attempts = attempts + 1 WHERE id = ?",
                SENT, Timestamp.from(clock.instant()), id);
    }

    public void markRetry(long id, String error, Instant nextAttempt) {
        jdbc.update("UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
                truncate(error), Timestamp.from(nextAttempt), id);
    }

    public long pending() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE status = ?", Long.class, PENDING);
        return n == null ? 0 : n;
    }

    static String truncate(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
    }
}
