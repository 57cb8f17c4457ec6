package com.receivableshub.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.receivableshub.support.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link OutboxDueTest} on PostgreSQL, where the bodies come back in binary once the statement is prepared. */
class OutboxDuePostgresTest extends OutboxDueTest {

    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }

    /**
     * The relay's round reads the pending rows only, however many were sent before, even with the generic plan the
     * driver's prepared statement ends up with (which, with a parameter for the status, walked every row ever sent).
     */
    @Test
    void aRoundReadsThePendingRowsOnlyNotEveryRowEverSent() {
        db.jdbc().update("INSERT INTO outbox (message_id, channel, destination, receiver, type, body, status, attempts,"
                + " created_at, next_attempt_at, retry_from) SELECT 'sent-' || g, 'QUEUE', 'funder.x', '91350100705432100M',"
                + " 'FEED_BATCH', '\\x00', 'SENT', 1, now(), now(), now() FROM generate_series(1, 20000) g");
        db.jdbc().execute("ANALYZE outbox");
        List<String> plan = db.jdbc().execute((java.sql.Connection c) -> {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("SET plan_cache_mode = force_generic_plan");
                s.execute("PREPARE due_sizes(timestamptz, int) AS "
                        + Outbox.DUE_SIZES.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2"));
                List<String> lines = new ArrayList<>();
                try (java.sql.ResultSet rs = s.executeQuery("EXPLAIN EXECUTE due_sizes(now(), 500)")) {
                    while (rs.next()) {
                        lines.add(rs.getString(1));
                    }
                }
                s.execute("DEALLOCATE due_sizes");
                s.execute("RESET plan_cache_mode");
                return lines;
            }
        });
        assertThat(String.join("\n", plan)).contains("ix_outbox_due").doesNotContain("pk_outbox");
    }
}
