package com.receivableshub.pipeline;

import com.receivableshub.support.PostgresSchema;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link GroupedIntakeTest} on PostgreSQL, whose driver reports a batch's rows its own way. */
class GroupedIntakePostgresTest extends GroupedIntakeTest {

    static final PostgresSchema SCHEMA = new PostgresSchema();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
        registry.add("hub.feed.auto-startup", () -> false);
    }

    @AfterAll
    static void dropSchema() throws Exception {
        SCHEMA.drop();
    }
}
