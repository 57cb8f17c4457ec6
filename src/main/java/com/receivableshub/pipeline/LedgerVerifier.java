package com.receivableshub.pipeline;

import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Walks the whole ledger in order and names the first entry that was changed, removed or reordered. Rows are
 * streamed, so the ledger's size does not matter.
 */
@Component
public class LedgerVerifier {

    private final JdbcTemplate jdbc;

    public LedgerVerifier(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The verdict: intact, or the first broken entry and why. */
    public record Result(boolean intact, long entries, Long firstBrokenSeq, String problem) {

        static Result intact(long entries) {
            return new Result(true, entries, null, null);
        }

        static Result broken(long entries, long seq, String problem) {
            return new Result(false, entries, seq, problem);
        }
    }

    public Result verify() {
        Walk walk = new Walk();
        jdbc.query(con -> {
            var statement = con.prepareStatement("SELECT * FROM ledger ORDER BY seq",
                    java.sql.ResultSet.TYPE_FORWARD_ONLY, java.sql.ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(1000);
            return statement;
        }, rs -> {
            if (walk.result == null) {
                walk.check(LedgerRows.map(rs, 0));
            }
        });
        if (walk.result != null) {
            return walk.result;
        }
        Map<String, Object> head = jdbc.queryForMap("SELECT seq, entry_hash FROM ledger_head WHERE id = 1");
        long headSeq = ((Number) head.get("seq")).longValue();
        if (headSeq != walk.lastSeq) {
            return Result.broken(walk.count, walk.lastSeq + 1, "entry " + (walk.lastSeq + 1)
                    + " is missing: the ledger ends at " + walk.lastSeq + " but " + headSeq + " entries were written");
        }
        if (!head.get("entry_hash").equals(walk.lastHash)) {
            return Result.broken(walk.count, walk.lastSeq, "entry " + walk.lastSeq
                    + " is not the last entry written: its hash differs from the ledger head");
        }
        return Result.intact(walk.count);
    }

    /** The state of one pass over the rows. */
    private static final class Walk {
        long count;
        long lastSeq;
        String lastHash = "0".repeat(64);
        Result result;

        void check(LedgerEntry e) {
            count++;
            if (e.seq() != lastSeq + 1) {
                result = Result.broken(count, lastSeq + 1, "entry " + (lastSeq + 1) + " is missing: after " + lastSeq
                        + " comes " + e.seq());
                return;
            }
            String recomputed = LedgerEntry.hashOf(e.seq(), e.recordedAt(), e.direction(), e.messageId(), e.type(),
                    e.sender(), e.receivers(), e.bodyHash(), e.signature(), e.prevHash());
            if (!recomputed.equals(e.entryHash())) {
                result = Result.broken(count, e.seq(), "entry " + e.seq()
                        + " was changed or moved: its content no longer matches its hash");
                return;
            }
            if (!e.prevHash().equals(lastHash)) {
                result = Result.broken(count, e.seq(), "entry " + e.seq() + " does not follow entry " + lastSeq
                        + ": entries were removed, inserted or reordered");
                return;
            }
            lastSeq = e.seq();
            lastHash = e.entryHash();
        }
    }
}
