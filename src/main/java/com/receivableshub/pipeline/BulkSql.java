package com.receivableshub.pipeline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which bulk path a database takes: PostgreSQL gets one statement over arrays ({@code unnest}) for many rows; other
 * databases (H2, the default) get a JDBC batch of the same statement.
 */
public final class BulkSql {

    private static final Map<DataSource, Boolean> POSTGRES = new ConcurrentHashMap<>();

    private BulkSql() {
    }

    public static boolean postgres(JdbcTemplate jdbc) {
        DataSource ds = jdbc.getDataSource();
        if (ds == null) {
            return false;
        }
        return POSTGRES.computeIfAbsent(ds, d -> Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) c ->
                "PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName()))));
    }
}
