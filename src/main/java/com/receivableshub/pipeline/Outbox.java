package com.receivableshub.pipeline;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        jdbc.update(INSERT, messageId, channel.name(), destination, receiver, type, correlationId, body, PENDING, now,
                now, now);
    }

    private static final String INSERT = "INSERT INTO outbox (message_id, channel, destination, receiver, type,"
            + " correlation_id, body, status, attempts, created_at, next_attempt_at, retry_from)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)";

    /**
     * {@link #add}, but the row is written when the transaction commits, in one batch with the others added so:
     * a transaction that records many messages pays one round trip to the database for its outbox rather than one
     * per row. The rows keep the order they were added in. Whoever reads the outbox inside the same transaction
     * sees them (the reads here write them first; {@link #flush} for others).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void addAtCommit(String messageId, Channel channel, String destination, String receiver, String type,
                            String correlationId, byte[] body) {
        Timestamp now = Timestamp.from(clock.instant());
        pendingRows().add(new Object[] {messageId, channel.name(), destination, receiver, type, correlationId, body,
                PENDING, now, now, now});
    }

    /** Writes the rows the current transaction added with {@link #addAtCommit} so far. */
    public void flush() {
        PendingRows rows = AtCommit.current(this, PendingRows.class);
        if (rows != null) {
            write(rows);
        }
    }

    private List<Object[]> pendingRows() {
        return AtCommit.state(this, PendingRows.class, PendingRows::new, this::write).rows;
    }

    private void write(PendingRows pending) {
        if (pending.rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT, pending.rows);
        pending.rows.clear();
    }

    /** The rows of one transaction not yet written. */
    private static final class PendingRows {
        private final List<Object[]> rows = new ArrayList<>();
    }

    /** Whether the hub wrote this message, of this type, to this receiver (whatever became of it since). */
    public boolean holds(String messageId, String receiver, String type) {
        flush();
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE message_id = ? AND receiver = ? AND type = ?",
                Integer.class, messageId, receiver, type);
        return n != null && n > 0;
    }

    /** The oldest rows due for delivery. */
    public List<OutboxMessage> due(int limit) {
        return due(limit, Long.MAX_VALUE);
    }

    /**
     * The oldest rows due for delivery, as many as fit in {@code maxBytes} of bodies (at least one): the sizes are
     * read first, so a run of large batches never has to be in memory at once.
     */
    public List<OutboxMessage> due(int limit, long maxBytes) {
        flush();
        Timestamp now = Timestamp.from(clock.instant());
        if (maxBytes == Long.MAX_VALUE) {
            return jdbc.query(SELECT + " WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY id LIMIT ?",
                    Outbox::row, now, limit);
        }
        // 'PENDING' written out, not a parameter: it is what PostgreSQL's partial index of pending rows is for
        // (ix_outbox_due), so a round reads what is pending whatever the plan, not every row ever sent.
        List<long[]> sizes = jdbc.query(DUE_SIZES, (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}, now, limit);
        List<Long> ids = new ArrayList<>();
        long bytes = 0;
        for (long[] row : sizes) {
            if (!ids.isEmpty() && bytes + row[1] > maxBytes) {
                break;
            }
            ids.add(row[0]);
            bytes += row[1];
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        // The same text every round, so that PostgreSQL's driver prepares it on the server and the bodies come back in
        // binary, not as hex text twice their size (a round of funder batches is tens of MB).
        return jdbc.query(SELECT + " WHERE id >= ? AND id <= ? AND status = 'PENDING' AND next_attempt_at <= ?"
                + " ORDER BY id LIMIT ?", Outbox::row, ids.get(0), ids.get(ids.size() - 1), now, ids.size());
    }

    public Optional<OutboxMessage> byId(long id) {
        flush();
        return jdbc.query(SELECT + " WHERE id = ?", Outbox::row, id).stream().findFirst();
    }

    /** The sizes of the oldest due rows: (next_attempt_at, limit). */
    static final String DUE_SIZES = "SELECT id, OCTET_LENGTH(body) FROM outbox WHERE status = 'PENDING'"
            + " AND next_attempt_at <= ? ORDER BY id LIMIT ?";

    private static final String SELECT = "SELECT id, message_id, channel, destination, receiver, type, correlation_id,"
            + " body, attempts, retry_from FROM outbox";

    private static OutboxMessage row(ResultSet rs, int i) throws SQLException {
        return new OutboxMessage(rs.getLong(1), rs.getString(2), Channel.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getBytes(8), rs.getInt(9),
                rs.getTimestamp(10).toInstant());
    }

    public void markSent(long id) {
        jdbc.update("UPDATE outbox SET status = ?, sent_at = ?, attempts = attempts + 1 WHERE id = ?",
                SENT, Timestamp.from(clock.instant()), id);
    }

    /** Marks delivered rows in one batch. */
    public void markSent(List<Long> ids) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.batchUpdate("UPDATE outbox SET status = ?, sent_at = ?, attempts = attempts + 1 WHERE id = ?",
                ids.stream().map(id -> new Object[] {SENT, now, id}).toList());
    }

    public void markRetry(long id, String error, Instant nextAttempt) {
        jdbc.update("UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
                truncate(error), Timestamp.from(nextAttempt), id);
    }

    /**
     * Gives up on a row whose retry budget is spent: it leaves the outbox for the dead-letter store, with the reason,
     * in one transaction.
     */
    @Transactional
    public void markDead(OutboxMessage message, String reason, Integer lastStatus) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ? WHERE id = ?",
                DEAD, truncate(reason), message.id());
        // A replayed letter that fails again is the same dead letter, open for another replay.
        int again = jdbc.update("UPDATE dead_letter SET reason = ?, attempts = attempts + ?, failed_at = ?,"
                        + " last_status = ?, replayed_at = NULL WHERE outbox_id = ?",
                truncate(reason), message.attempts() + 1, now, lastStatus, message.id());
        if (again == 0) {
            jdbc.update("INSERT INTO dead_letter (outbox_id, message_id, receiver, destination, type, reason, attempts,"
                            + " failed_at, last_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    message.id(), message.messageId(), message.receiver(), message.destination(), message.type(),
                    truncate(reason), message.attempts() + 1, now, lastStatus);
        }
    }

    /**
     * Puts a dead letter back in the outbox, once: the same row and message id go out again, so a receiver that
     * deduplicates on the message id sees it once.
     *
     * @return false when it was already replayed
     */
    @Transactional
    public boolean replay(long deadLetterId) {
        Timestamp now = Timestamp.from(clock.instant());
        int marked = jdbc.update("UPDATE dead_letter SET replayed_at = ? WHERE id = ? AND replayed_at IS NULL",
                now, deadLetterId);
        if (marked == 0) {
            return false;
        }
        jdbc.update("UPDATE outbox SET status = ?, attempts = 0, next_attempt_at = ?, retry_from = ? WHERE id ="
                + " (SELECT outbox_id FROM dead_letter WHERE id = ?)", PENDING, now, now, deadLetterId);
        return true;
    }

    public long pending() {
        flush();
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE status = 'PENDING'", Long.class);
        return n == null ? 0 : n;
    }

    static String truncate(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
    }
}
