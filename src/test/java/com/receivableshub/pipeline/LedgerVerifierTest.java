package com.receivableshub.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.receivableshub.pipeline.LedgerEntry.Direction;
import com.receivableshub.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tampering straight in the database (as someone with database access would) is found, and the first broken entry
 * named. Run on H2 and PostgreSQL by the subclasses.
 */
abstract class LedgerVerifierTest {

    static final String RECEIVABLE = Subjects.receivable("91350100M000100Y43", "91350100705432100M", "INV-1");

    TestDatabase db;
    JdbcTemplate jdbc;
    TransactionTemplate tx;
    Ledger ledger;
    LedgerVerifier verifier;

    abstract TestDatabase database();

    @BeforeEach
    void setUp() {
        db = database();
        jdbc = db.jdbc();
        tx = db.tx();
        ledger = new Ledger(jdbc, Clock.systemUTC());
        verifier = new LedgerVerifier(jdbc);
        for (int i = 1; i <= 10; i++) {
            append(i);
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        db.close();
    }

    void append(int i) {
        tx.executeWithoutResult(s -> ledger.append(i % 2 == 0 ? Direction.OUT : Direction.IN, "m-" + i, "PING",
                "91350100M000100Y43", List.of("91350200123456700W"), ("body " + i).getBytes(StandardCharsets.UTF_8),
                i == 3 ? "c2lnbmF0dXJl" : null, i % 3 == 0 ? Set.of(RECEIVABLE) : Set.of()));
    }

    @Test
    void anUntouchedLedgerIsIntact() {
        LedgerVerifier.Result result = verifier.verify();
        assertThat(result.intact()).isTrue();
        assertThat(result.entries()).isEqualTo(10);
    }

    @Test
    void anEditedEntryIsNamed() {
        jdbc.update("UPDATE ledger SET sender = '91310100666677700N' WHERE seq = 4");
        assertBroken(4, "entry 4 was changed or moved");
    }

    @Test
    void anEditedSignatureIsNamed() {
        jdbc.update("UPDATE ledger SET signature = 'Zm9yZ2Vk' WHERE seq = 3");
        assertBroken(3, "entry 3 was changed or moved");
    }

    @Test
    void aDeletedEntryIsNamed() {
        jdbc.update("DELETE FROM ledger WHERE seq = 5");
        assertBroken(5, "entry 5 is missing");
    }

    @Test
    void aDeletedLastEntryIsNamed() {
        jdbc.update("DELETE FROM ledger WHERE seq = 10");
        assertBroken(10, "entry 10 is missing");
    }

    @Test
    void swappedEntriesAreNamed() {
        jdbc.update("UPDATE ledger SET seq = -1 WHERE seq = 3");
        jdbc.update("UPDATE ledger SET seq = 3 WHERE seq = 6");
        jdbc.update("UPDATE ledger SET seq = 6 WHERE seq = -1");
        assertBroken(3, "entry 3 was changed or moved");
    }

    @Test
    void aRechainedEditIsStillFoundAtTheHead() {
        // Someone rewrites entry 10 and recomputes its hash: the chain holds, but the head no longer matches.
        LedgerEntry e = ledger.history(RECEIVABLE).get(0);
        assertThat(e.seq()).isEqualTo(3);
        List<LedgerEntry> all = jdbc.query("SELECT * FROM ledger WHERE seq = 10", LedgerRows.MAPPER);
        LedgerEntry last = all.get(0);
        String forgedHash = LedgerEntry.hashOf(last.seq(), last.recordedAt(), last.direction(), last.messageId(),
                last.type(), "91310100666677700N", last.receivers(), last.bodyHash(), last.signature(), last.prevHash());
        jdbc.update("UPDATE ledger SET sender = '91310100666677700N', entry_hash = ? WHERE seq = 10", forgedHash);
        assertBroken(10, "entry 10 is not the last entry written");
    }

    @Test
    void theHistoryOfAReceivableListsItsEntriesInOrder() {
        assertThat(ledger.history(RECEIVABLE)).extracting(LedgerEntry::seq).containsExactly(3L, 6L, 9L);
    }

    @Test
    void concurrentAppendsKeepOneChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 11; i <= 70; i++) {
                int n = i;
                futures.add(pool.submit(() -> append(n)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        LedgerVerifier.Result result = verifier.verify();
        assertThat(result.intact()).as(String.valueOf(result.problem())).isTrue();
        assertThat(result.entries()).isEqualTo(70);
    }

    void assertBroken(long seq, String problem) {
        LedgerVerifier.Result result = verifier.verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(seq);
        assertThat(result.problem()).startsWith(problem);
    }
}
