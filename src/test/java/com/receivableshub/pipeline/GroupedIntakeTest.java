package com.receivableshub.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.receivableshub.model.AwardNotice;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.support.HubTestSupport;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Many award notices arriving at once, so that they share transactions (group commit) and their rows go in
 * batches: among them replays of the same message, a message id reused with other content, two messages carrying
 * the same notice and a notice for a region the system does not publish for. Each must end as if it had come alone:
 * one ACCEPTED per message id and DUPLICATE for its replays, 409 for the other content, 403 for the foreign region,
 * a notice reaches each funder of its region once, every accepted message is in the ledger once, and the chain holds.
 */
class GroupedIntakeTest extends HubTestSupport {

    static final int NEW = 24;

    @Autowired
    IntakeService intake;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void messagesCommittedTogetherEndAsIfEachCameAlone() throws Exception {
        Participant procurement = first(ParticipantRole.PROCUREMENT_SYSTEM);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String region = procurement.regions().get(0);
        List<Envelope> messages = new ArrayList<>();
        for (int i = 0; i < NEW; i++) {
            messages.add(award(procurement, "G" + run + "-" + i, "ZG" + run + "-" + i, region, "1000.00"));
        }
        // replays of messages 0..3, the same id and content
        for (int i = 0; i < 4; i++) {
            messages.add(award(procurement, "G" + run + "-" + i, "ZG" + run + "-" + i, region, "1000.00"));
        }
        // message ids 4 and 5 again with other content
        for (int i = 4; i < 6; i++) {
            messages.add(award(procurement, "G" + run + "-" + i, "ZG" + run + "-" + i, region, "2000.00"));
        }
        // new messages carrying the notices of messages 6 and 7 again
        for (int i = 6; i < 8; i++) {
            messages.add(award(procurement, "G" + run + "-again-" + i, "ZG" + run + "-" + i, region, "1000.00"));
        }
        // a region the procurement system does not publish for
        messages.add(award(procurement, "G" + run + "-foreign", "ZG" + run + "-foreign", "440300", "1000.00"));

        Map<Integer, Object> outcomes = submitAtOnce(procurement, messages);

        for (int i = 0; i < 4; i++) {
            assertThat(List.of(status(outcomes.get(i)), status(outcomes.get(NEW + i))))
                    .as("message %d and its replay", i)
                    .containsExactlyInAnyOrder("ACCEPTED", "DUPLICATE");
        }
        for (int i = 4; i < 6; i++) {
            assertThat(List.of(status(outcomes.get(i)), status(outcomes.get(NEW + i))))
                    .as("message %d and the other content under its id", i)
                    .containsExactlyInAnyOrder("ACCEPTED", "409");
        }
        for (int i = 6; i < NEW; i++) {
            assertThat(status(outcomes.get(i))).as("message %d", i).isEqualTo("ACCEPTED");
        }
        assertThat(status(outcomes.get(NEW + 6))).isEqualTo("ACCEPTED");
        assertThat(status(outcomes.get(NEW + 7))).isEqualTo("ACCEPTED");
        assertThat(status(outcomes.get(messages.size() - 1))).isEqualTo("403");

        long accepted = outcomes.values().stream().filter(o -> "ACCEPTED".equals(status(o))).count();
        assertThat(accepted).isEqualTo(NEW + 2);
        assertThat(outcomes.values().stream().filter(o -> o instanceof IntakeResult r
                && r.status() == IntakeResult.Status.ACCEPTED).map(o -> ((IntakeResult) o).ledgerSeq()).distinct()
                .count()).as("every accepted message has its own ledger entry").isEqualTo(accepted);
        assertThat(count("SELECT COUNT(*) FROM inbound_message WHERE message_id LIKE ?", "G" + run + "-%"))
                .isEqualTo(NEW + 2);
        assertThat(count("SELECT COUNT(*) FROM ledger WHERE direction = 'IN' AND message_id LIKE ?",
                "G" + run + "-%")).isEqualTo(NEW + 2);
        assertThat(count("SELECT COUNT(*) FROM award_notice WHERE notice_id LIKE ?", "ZG" + run + "-%"))
                .isEqualTo(NEW);
        int funders = directory.fundersOfRegion(region).size();
        assertThat(funders).isPositive();
        // Each notice to each funder of the region once: the notices sent again go nowhere.
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE type = 'AWARD_NOTICE' AND correlation_id LIKE ?",
                "G" + run + "-%")).isEqualTo((long) NEW * funders);
        assertThat(count("SELECT COUNT(DISTINCT receiver || '/' || correlation_id) FROM outbox"
                + " WHERE type = 'AWARD_NOTICE' AND correlation_id LIKE ?", "G" + run + "-%"))
                .isEqualTo((long) NEW * funders);
        assertThat(count("SELECT COUNT(*) FROM ledger WHERE direction = 'OUT' AND type = 'AWARD_NOTICE'"
                + " AND message_id IN (SELECT message_id FROM outbox WHERE correlation_id LIKE ?)", "G" + run + "-%"))
                .isEqualTo((long) NEW * funders);
        assertThat(new LedgerVerifier(jdbc).verify().intact()).isTrue();
    }

    private Map<Integer, Object> submitAtOnce(Participant procurement, List<Envelope> messages) throws Exception {
        Map<Integer, Object> outcomes = new ConcurrentHashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(messages.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                int index = i;
                Envelope e = messages.get(i);
                done.add(threads.submit(() -> {
                    start.await();
                    try {
                        outcomes.put(index, intake.accept(procurement, Channel.SOAP, e,
                                json.writeValueAsString(e).getBytes(StandardCharsets.UTF_8)));
                    } catch (RefusedException refused) {
                        outcomes.put(index, refused);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        return outcomes;
    }

    private static String status(Object outcome) {
        if (outcome instanceof IntakeResult r) {
            return r.status().name();
        }
        if (outcome instanceof RefusedException e) {
            return String.valueOf(e.status());
        }
        return String.valueOf(outcome);
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    private Envelope award(Participant procurement, String messageId, String noticeId, String region, String amount) {
        AwardNotice notice = new AwardNotice(noticeId, "FJ-2026-" + noticeId, "Office furniture", region,
                "11350000003123400M", "Fujian Provincial Archives", "11350000003123400M", "913501002611234009",
                "Xiamen Office Supplies Co., Ltd.", new BigDecimal(amount), LocalDate.now(), procurement.code());
        return new Envelope(messageId, messageId, MessageType.AWARD_NOTICE, procurement.code(), List.of(),
                OffsetDateTime.now(), json.valueToTree(notice), null);
    }
}
