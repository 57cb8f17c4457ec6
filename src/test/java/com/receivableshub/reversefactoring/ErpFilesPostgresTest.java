package com.receivableshub.reversefactoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.receivableshub.support.PostgresSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * ERP files on PostgreSQL, the production database, where a chunk's payables go in with one statement over arrays
 * and name their batch's ledger entry.
 */
class ErpFilesPostgresTest extends ErpFilesTest {

    static final PostgresSchema SCHEMA = new PostgresSchema();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    /** The file root is the H2 class's (closed after it): its answers and archive go first. */
    @BeforeAll
    static void emptyRoot() throws IOException {
        try (Stream<Path> all = Files.walk(ROOT)) {
            all.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(ROOT)).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void outboxBodiesAreCompressedWithLz4() {
        assertThat(jdbc.queryForObject("SELECT attcompression FROM pg_attribute WHERE attrelid = 'outbox'::regclass"
                + " AND attname = 'body'", String.class)).isEqualTo("l");
    }

    @AfterAll
    static void dropSchema() throws Exception {
        SCHEMA.drop();
    }
}
