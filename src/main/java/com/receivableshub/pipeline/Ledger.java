package com.receivableshub.pipeline;

import com.receivableshub.pipeline.LedgerEntry.Direction;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The hash-chained log of every message in and out. Appends take the lock on the single head row, so the chain
 * stays linear under concurrent routes and across restarts; the append belongs to the caller's transaction.
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
        Map<String, Object> head = jdbc.queryForMap("SELECT seq, entry_hash FROM ledger_head WHERE id = 1 FOR UPDATE");
        long seq = ((Number) head.get("seq")).longValue() + 1;
        String prevHash = (String) head.get("entry_hash");
        OffsetDateTime now = LedgerEntry.canonical(OffsetDateTime.now(clock));
        String bodyHash = Hashes.sm3(body);
        String entryHash = LedgerEntry.hashOf(seq, now, direction, messageId, type, sender, receivers, bodyHash,
                signature, prevHash);
        jdbc.update("INSERT INTO ledger (seq, recorded_at, direction, message_id, type, sender, receivers, body_hash,"
                        + " signature, prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                seq, Timestamp.from(now.toInstant()), direction.name(), messageId, type, sender,
                String.join(",", receivers), bodyHash, signature, prevHash, entryHash);
        jdbc.update("UPDATE ledger_head SET seq = ?, entry_hash = ? WHERE id = 1", seq, entryHash);
        if (!subjects.isEmpty()) {
            addSubjects(subjects, seq);
        }
        return new LedgerEntry(seq, now, direction, messageId, type, sender, receivers, bodyHash, signature, prevHash,
                entryHash);
    }

    private void addSubjects(Collection<String> subjects, long seq) {
        if (subjects.size() > 1 && BulkSql.postgres(jdbc)) {
            // One statement for the whole set: a file chunk touches thousands of receivables.
            jdbc.update(con -> {
                PreparedStatement ps = con.prepareStatement(
                        "INSERT INTO ledger_subject (subject, seq) SELECT s, ? FROM unnest(?::varchar[]) AS t(s)");
                ps.setLong(1, seq);
                ps.setArray(2, con.createArrayOf("varchar", subjects.toArray()));
                return ps;
            });
        } else {
            jdbc.batchUpdate("INSERT INTO ledger_subject (subject, seq) VALUES (?, ?)",
                    subjects.stream().map(subject -> new Object[] {subject, seq}).toList());
        }
    }

    /** Every entry that touched a receivable or contract, oldest first. */
    public List<LedgerEntry> history(String subject) {
        return jdbc.query("SELECT l.* FROM ledger l JOIN ledger_subject s ON s.seq = l.seq WHERE s.subject = ?"
                + " ORDER BY l.seq", LedgerRows.MAPPER, subject);
    }

    public long size() {
        Long n = jdbc.queryForObject("SELECT seq FROM ledger_head WHERE id = 1", Long.class);
        return n == null ? 0 : n;
    }
}
