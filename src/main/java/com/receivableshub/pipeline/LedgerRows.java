package com.receivableshub.pipeline;

import com.receivableshub.pipeline.LedgerEntry.Direction;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;

/** Reads ledger rows back into entries. */
final class LedgerRows {

    static final RowMapper<LedgerEntry> MAPPER = LedgerRows::map;

    private LedgerRows() {
    }

    static LedgerEntry map(ResultSet rs, int row) throws SQLException {
        String receivers = rs.getString("receivers");
        return new LedgerEntry(
                rs.getLong("seq"),
                rs.getTimestamp("recorded_at").toInstant().atOffset(ZoneOffset.UTC),
                Direction.valueOf(rs.getString("direction")),
                rs.getString("message_id"),
                rs.getString("type"),
                rs.getString("sender"),
                receivers == null || receivers.isEmpty() ? List.of() : Arrays.asList(receivers.split(",")),
                rs.getString("body_hash"),
                rs.getString("signature"),
                rs.getString("prev_hash"),
                rs.getString("entry_hash"));
    }
}
