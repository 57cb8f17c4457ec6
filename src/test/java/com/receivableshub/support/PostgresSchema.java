package com.receivableshub.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh PostgreSQL schema for one test class, on the database the machines run (127.0.0.1:5432, database test;
 * override with HUB_TEST_PG_URL and HUB_TEST_PG_USER). Flyway creates it; {@link #drop()} removes it.
 */
public final class PostgresSchema {

    public static final String URL = System.getenv().getOrDefault("HUB_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getenv().getOrDefault("HUB_TEST_PG_USER", "postgres");

    private final String name = "hub_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
            .toLowerCase(Locale.ROOT);

    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> URL + "?currentSchema=" + name);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.schemas", () -> name);
        registry.add("spring.flyway.create-schemas", () -> true);
    }

    public String name() {
        return name;
    }

    public void drop() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }
}
