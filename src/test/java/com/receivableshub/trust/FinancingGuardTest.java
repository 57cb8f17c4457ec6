package com.receivableshub.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.receivableshub.pipeline.RefusedException;
import com.receivableshub.pipeline.Subjects;
import com.receivableshub.support.TestDatabase;
import com.receivableshub.trust.FinancingGuard.Kind;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

/** The double-financing guard on a real database; run on H2 and PostgreSQL by the subclasses. */
abstract class FinancingGuardTest {

    static final String BANK = "91350200123456700W";
    static final String FACTOR = "91310100666677700N";
    static final String RECEIVABLE = Subjects.receivable("91350100M000100Y43", "91350100705432100M", "INV-2026-001");
    static final String OTHER = Subjects.receivable("91350100M000100Y43", "91350100705432100M", "INV-2026-002");
    static final BigDecimal LIMIT = new BigDecimal("100000.00");

    TestDatabase db;
    FinancingGuard guard;
    TransactionTemplate tx;

    abstract TestDatabase database();

    @BeforeEach
    void setUp() {
        db = database();
        guard = new FinancingGuard(db.jdbc(), Clock.systemUTC());
        tx = db.tx();
    }

    @AfterEach
    void tearDown() throws Exception {
        db.close();
    }

    void claim(List<String> subjects, String funder, String reference, String amount) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < subjects.size(); i++) {
            fields.add("receivables[" + i + "]");
        }
        tx.executeWithoutResult(s -> guard.claim(subjects, fields, Kind.PLEDGE, funder, reference,
                new BigDecimal(amount), LIMIT));
    }

    @Test
    void aSecondFunderIsRefusedWithTheHolderAndItsRegistration() {
        claim(List.of(RECEIVABLE), BANK, "notice-1", "50000.00");
        tx.executeWithoutResult(s -> guard.registered("notice-1", "REG-0001"));

        assertThatThrownBy(() -> claim(List.of(RECEIVABLE), FACTOR, "notice-2", "10000.00"))
                .isInstanceOf(RefusedException.class)
                .satisfies(e -> {
                    RefusedException r = (RefusedException) e;
                    assertThat(r.status()).isEqualTo(409);
                    assertThat(r.errors().get(0).field()).isEqualTo("receivables[0]");
                    assertThat(r.errors().get(0).reason()).contains("active PLEDGE of funder " + BANK)
                            .contains("notice-1").contains("registration REG-0001");
                });
    }

    @Test
    void claimingAgainUnderTheSameReferenceChangesNothing() {
        claim(List.of(RECEIVABLE), BANK, "notice-1", "50000.00");
        claim(List.of(RECEIVABLE), BANK, "notice-1", "50000.00");
        assertThat(db.jdbc().queryForObject("SELECT COUNT(*) FROM financing_claim", Integer.class)).isEqualTo(1);
    }

    @Test
    void aRefusedClaimHoldsNoneOfItsSubjects() {
        claim(List.of(RECEIVABLE), BANK, "notice-1", "50000.00");
        assertThatThrownBy(() -> claim(List.of(OTHER, RECEIVABLE), FACTOR, "notice-2", "10000.00"))
                .isInstanceOf(RefusedException.class)
                .satisfies(e -> assertThat(((RefusedException) e).errors().get(0).field()).isEqualTo("receivables[1]"));
        assertThat(guard.active(OTHER)).isEmpty();
    }

    @Test
    void noFinancingBeyondWhatIsLeftOfTheConfirmedAmount() {
        assertThatThrownBy(() -> claim(List.of(RECEIVABLE), BANK, "notice-1", "100000.01"))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("amount: 100000.01 exceeds what is left of the confirmed amount, 100000.00");
        assertThat(guard.active(RECEIVABLE)).isEmpty();
    }

    @Test
    void aReleasedReceivableCanBeFinancedAgain() {
        claim(List.of(RECEIVABLE), BANK, "notice-1", "50000.00");
        Integer released = tx.execute(s -> guard.release("notice-1"));
        assertThat(released).isEqualTo(1);
        claim(List.of(RECEIVABLE), FACTOR, "notice-2", "10000.00");
        assertThat(guard.active(RECEIVABLE)).map(FinancingGuard.Claim::funderCode).contains(FACTOR);
    }

    @Test
    void aForeignRegistrationAtTheRegistryRefuses() {
        assertThatThrownBy(() -> guard.refuseForeignRegistrations("receivables[0]", List.of("REG-9", "REG-1"), "REG-1"))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("receivables[0]: the registry already holds registration(s) [REG-9]");
        guard.refuseForeignRegistrations("receivables[0]", List.of("REG-1"), "REG-1");
    }

    @RepeatedTest(5)
    void twoFundersRacingForOneReceivableLeaveExactlyOneWinner() throws Exception {
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String funder = i % 2 == 0 ? BANK : FACTOR;
                String reference = "notice-" + i;
                Callable<String> race = () -> {
                    start.await();
                    try {
                        claim(List.of(RECEIVABLE), funder, reference, "1000.00");
                        return "won:" + reference;
                    } catch (RefusedException e) {
                        return "refused";
                    }
                };
                results.add(pool.submit(race));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get());
            }
            assertThat(outcomes.stream().filter(o -> o.startsWith("won:"))).hasSize(1);
            assertThat(outcomes.stream().filter("refused"::equals)).hasSize(racers - 1);
            String winner = outcomes.stream().filter(o -> o.startsWith("won:")).findFirst().orElseThrow().substring(4);
            assertThat(guard.active(RECEIVABLE)).map(FinancingGuard.Claim::reference).contains(winner);
        } finally {
            pool.shutdownNow();
        }
    }
}
