package com.receivableshub.support;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A migrated database without the rest of the hub, for tests of the database rules themselves: a fresh in-memory
 * H2 (in PostgreSQL mode, as the hub runs it) or a fresh PostgreSQL schema.
 */
public final class TestDatabase implements AutoCloseable {

    private final HikariDataSource dataSource = new HikariDataSource();
    private final PostgresSchema schema;

    public static TestDatabase h2() {
        return new TestDatabase(null, "jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa");
    }

    public static TestDatabase postgres() {
        PostgresSchema schema = new PostgresSchema();
        return new TestDatabase(schema, PostgresSchema.URL + "?currentSchema=" + schema.name(), PostgresSchema.USER);
    }

    private TestDatabase(PostgresSchema schema, String url, String user) {
        this.schema = schema;
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(user);
        dataSource.setPassword("");
        dataSource.setMaximumPoolSize(8);
        // the application's locations (config/application.yaml), the vendor folder named as Spring Boot names it
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration",
                        "classpath:db/vendor/" + (schema == null ? "h2" : "postgresql"))
                .schemas(schema == null ? new String[0] : new String[] {schema.name()}).createSchemas(true)
                .load().migrate();
    }

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    public TransactionTemplate tx() {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Override
    public void close() throws SQLException {
        dataSource.close();
        if (schema != null) {
            schema.drop();
        }
    }
}
