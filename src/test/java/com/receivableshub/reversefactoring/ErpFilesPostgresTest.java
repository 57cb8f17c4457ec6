package com.receivableshub.reversefactoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.receivableshub.support.PostgresSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import com.receivableshub.model.Payable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

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

    @Autowired
    ReverseFactoringStore store;

    @Autowired
    TransactionTemplate tx;

    @Test
    void payablesAllNewGoInWithCopyAndKeepEveryCharacterAndAKeySeenBeforeTakesTheKeyedPath() {
        String doc = "ESC-" + UUID.randomUUID().toString().substring(0, 8);
        Payable odd = new Payable(CORE, SUPPLIER, doc + "\\a\tb\nc\rd\\N", new BigDecimal("12.30"),
                LocalDate.of(2026, 1, 9), LocalDate.of(2027, 12, 31), true, "CNY");
        Payable plain = new Payable(CORE, SUPPLIER, doc + "-plain", new BigDecimal("1.00"),
                LocalDate.of(2026, 11, 1), LocalDate.of(2027, 5, 1), false, "CNY");
        boolean[] first = tx.execute(s -> store.addPayables(List.of(odd, plain), 42L));
        assertThat(first).containsExactly(true, true);
        assertThat(jdbc.queryForObject("SELECT document_number || '|' || amount || '|' || confirmed || '|' || ledger_seq"
                + " || '|' || issue_date || '|' || due_date FROM payable WHERE document_number LIKE ?", String.class,
                doc + "\\\\a%")).isEqualTo(odd.documentNumber() + "|12.30|true|42|2026-01-09|2027-12-31");

        // One key there already and one twice in the list: each new one is told apart, the rest counted once.
        Payable fresh = new Payable(CORE, SUPPLIER, doc + "-fresh", new BigDecimal("2.00"),
                LocalDate.of(2026, 11, 1), LocalDate.of(2027, 5, 1), true, "CNY");
        boolean[] second = tx.execute(s -> store.addPayables(List.of(plain, fresh, fresh), 43L));
        assertThat(second).containsExactly(false, true, false);
        assertThat(jdbc.queryForObject("SELECT ledger_seq FROM payable WHERE document_number = ?", Long.class,
                doc + "-fresh")).isEqualTo(43L);
        assertThat(jdbc.queryForObject("SELECT ledger_seq FROM payable WHERE document_number = ?", Long.class,
                doc + "-plain")).isEqualTo(42L);
    }

    @AfterAll
    static void dropSchema() throws Exception {
        SCHEMA.drop();
    }
}
