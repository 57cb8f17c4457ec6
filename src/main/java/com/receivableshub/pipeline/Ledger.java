package com.receivableshub.pipeline;

import com.receivableshub.pipeline.LedgerEntry.Direction;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The hash-chained log of every message in and out. Appends take the lock on the single head row, so the chain
 * stays linear under concurrent routes and across restarts; the append belongs to the caller's transaction. The
 * entries of one transaction are written together when it commits: a transaction that records many messages (a
 * group commit, a feed batch) pays one round trip to the database for its ledger rather than four per entry.
 */
@Component
public class Ledger {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public Ledger(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public LedgerEntry append(Direction direction, String messageId, String type, String sender, List<String> receivers,
                              byte[] body, String signature, Collection<String> subjects) {
        return appendHashed(direction, messageId, type, sender, receivers, Hashes.sm3(body), signature, subjects);
    }

    /**
     * As {@link #append}, with the body's SM3 hash ({@link Hashes#sm3(byte[])}) made by the caller, who may have made it
     * on another thread while the previous transaction was being written.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public LedgerEntry appendHashed(Direction direction, String messageId, String type, String sender,
                                    List<String> receivers, String bodyHash, String signature,
                                    Collection<String> subjects) {
        Pending pending = pending();
        long seq = pending.seq + 1;
        String prevHash = pending.hash;
        OffsetDateTime now = LedgerEntry.canonical(OffsetDateTime.now(clock));
        String entryHash = LedgerEntry.hashOf(seq, now, direction, messageId, type, sender, receivers, bodyHash,
                signature, prevHash);
        pending.rows.add(new Object[] {seq, Timestamp.from(now.toInstant()), direction.name(), messageId, type, sender,
                String.join(",", receivers), bodyHash, signature, prevHash, entryHash});
        for (String subject : subjects) {
            pending.subjects.add(new Object[] {subject, seq});
        }
        pending.seq = seq;
        pending.hash = entryHash;
        return new LedgerEntry(seq, now, direction, messageId, type, sender, receivers, bodyHash, signature, prevHash,
                entryHash);
    }

    /**
     * Indexes an entry this transaction appended by more subjects (the records of a batch known only once they are
     * stored). The entry's hash does not cover its subjects.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void index(long seq, Collection<String> subjects) {
        Pending pending = pending();
        for (String subject : subjects) {
            pending.subjects.add(new Object[] {subject, seq});
        }
    }

    /**
     * The subject by which a feed batch sent to a funder is indexed for the records of one supplier in it: every
     * record of that supplier the incoming feed batch {@code inSeq} accepted went to that funder. The history of a
     * receivable finds the batch through the incoming entry that took the receivable, instead of the batch being
     * indexed by each of its receivables.
     */
    public static String feedSubject(long inSeq, String creditorCode) {
        return "feed:" + inSeq + "/" + creditorCode;
    }

    /**
     * Writes what the current transaction appended so far. Appends are kept and written together just before the
     * transaction commits (one batch of rows, one update of the head); whoever reads the ledger inside the same
     * transaction calls this first.
     */
    public void flush() {
        Pending pending = AtCommit.current(this, Pending.class);
        if (pending != null) {
            write(pending);
        }
    }

    /**
     * What this transaction appends: the head is read and locked once, at the first append, and held to the commit,
     * so the chain stays linear under concurrent transactions and across restarts.
     */
    private Pending pending() {
        return AtCommit.state(this, Pending.class, () -> {
            Map<String, Object> head = jdbc.queryForMap("SELECT seq, entry_hash FROM ledger_head WHERE id = 1 FOR UPDATE");
            return new Pending(((Number) head.get("seq")).longValue(), (String) head.get("entry_hash"));
        }, this::write);
    }

    private void write(Pending pending) {
        if (pending.rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO ledger (seq, recorded_at, direction, message_id, type, sender, receivers,"
                + " body_hash, signature, prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", pending.rows);
        if (pending.subjects.size() > 1 && BulkSql.postgres(jdbc)) {
            // One statement for the whole set: a file chunk touches thousands of receivables.
            Object[] subjects = pending.subjects.stream().map(r -> r[0]).toArray();
            Object[] seqs = pending.subjects.stream().map(r -> r[1]).toArray();
            jdbc.update(con -> {
                PreparedStatement ps = con.prepareStatement("INSERT INTO ledger_subject (subject, seq)"
                        + " SELECT * FROM unnest(?::varchar[], ?::bigint[])");
                ps.setArray(1, con.createArrayOf("varchar", subjects));
                ps.setArray(2, con.createArrayOf("bigint", seqs));
                return ps;
            });
        } else if (!pending.subjects.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO ledger_subject (subject, seq) VALUES (?, ?)", pending.subjects);
        }
        jdbc.update("UPDATE ledger_head SET seq = ?, entry_hash = ? WHERE id = 1", pending.seq, pending.hash);
        pending.rows.clear();
        pending.subjects.clear();
    }

    /** The appends of one transaction not yet written, and the head they lead to. */
    private static final class Pending {

        private final List<Object[]> rows = new ArrayList<>();
        private final List<Object[]> subjects = new ArrayList<>();
        private long seq;
        private String hash;

        Pending(long seq, String hash) {
            this.seq = seq;
            this.hash = hash;
        }
    }

    /**
     * Every entry that touched a receivable or contract, oldest first: those indexed by it, the feed batch that
     * stored the payable (its row names that entry: {@code payable.ledger_seq}, instead of an index row per line of
     * a file), and the feed batches that took its records on to funders ({@link #feedSubject}).
     */
    public List<LedgerEntry> history(String subject) {
        flush();
        String[] key = receivableKey(subject);
        // Two queries rather than one with a common table expression: H2 kept the expression's rows from the first
        // call of the prepared statement and answered every later receivable with the first one's entries.
        List<Long> own = jdbc.queryForList("SELECT seq FROM ledger_subject WHERE subject = ?"
                + " UNION SELECT ledger_seq FROM payable WHERE creditor_code = ? AND debtor_code = ?"
                + " AND document_number = ? AND ledger_seq IS NOT NULL", Long.class, subject, key[0], key[1], key[2]);
        if (own.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", Collections.nCopies(own.size(), "?"));
        List<Object> args = new ArrayList<>(own);
        StringBuilder sql = new StringBuilder("SELECT * FROM ledger WHERE seq IN (").append(marks).append(')');
        if (!key[0].isEmpty()) {
            sql.append(" OR seq IN (SELECT seq FROM ledger_subject WHERE subject IN (").append(marks).append("))");
            for (Long seq : own) {
                args.add(feedSubject(seq, key[0]));
            }
        }
        return jdbc.query(sql.append(" ORDER BY seq").toString(), LedgerRows.MAPPER, args.toArray());
    }

    /** creditor, debtor, document of a receivable's subject; three empty strings for any other subject. */
    private static String[] receivableKey(String subject) {
        String prefix = Subjects.receivable("", "", "").substring(0, "receivable:".length());
        if (subject.startsWith(prefix)) {
            String[] parts = subject.substring(prefix.length()).split("/", 3);
            if (parts.length == 3) {
                return parts;
            }
        }
        return new String[] {"", "", ""};
    }

    public long size() {
        flush();
        Long n = jdbc.queryForObject("SELECT seq FROM ledger_head WHERE id = 1", Long.class);
        return n == null ? 0 : n;
    }
}
