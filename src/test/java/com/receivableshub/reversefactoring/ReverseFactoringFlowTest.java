package com.receivableshub.reversefactoring;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.receivableshub.demo.FunderClient;
import com.receivableshub.model.Adjustment;
import com.receivableshub.model.Authorisation;
import com.receivableshub.model.BankAccount;
import com.receivableshub.model.CreditLine;
import com.receivableshub.model.CreditLineApproval;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.FeedBatch;
import com.receivableshub.model.FinancingMode;
import com.receivableshub.model.FinancingRelationship;
import com.receivableshub.model.FinancingRequest;
import com.receivableshub.model.HistoricalTrades;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.NoticeConfirmation;
import com.receivableshub.model.NoticeKind;
import com.receivableshub.model.Payable;
import com.receivableshub.model.Payment;
import com.receivableshub.model.PledgeNotice;
import com.receivableshub.model.ReceivableKey;
import com.receivableshub.model.RelationshipStatus;
import com.receivableshub.model.Trade;
import com.receivableshub.participant.Participant;
import com.receivableshub.pipeline.Subjects;
import com.receivableshub.support.HubTestSupport;
import com.receivableshub.support.Partners;
import com.receivableshub.trust.FinancingGuard;
import com.receivableshub.trust.InboundSignatures;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Online reverse factoring (线上反保理) from authorisation to continuing feed, through the hub's real interfaces: REST
 * for the supplier and the ERP, the broker for the funders, WireMock as ERP, supplier portal and registry.
 */
class ReverseFactoringFlowTest extends HubTestSupport {

    static final String CORE = "91350100705432100M";
    static final String SUPPLIER = "91350100M000100Y43";
    static final String OTHER_SUPPLIER = "913501002611234009";
    static final String BANK = "91350200123456700W";
    static final String FACTOR = "91310100666677700N";
    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration NOTHING_MORE = Duration.ofMillis(700);
    static final Partners PARTNERS = new Partners();

    @Autowired
    FinancingGuard guard;

    @DynamicPropertySource
    static void partners(DynamicPropertyRegistry registry) {
        PARTNERS.register(registry);
    }

    @AfterAll
    static void stopPartners() {
        PARTNERS.stop();
    }

    @Test
    void theWholeModeFromAuthorisationToContinuingFeed() throws Exception {
        LocalDate today = LocalDate.now();
        LocalDate lastJanuary = LocalDate.of(today.getYear() - 1, 1, 1);
        try (FunderClient bank = funderClient(participant(BANK)); FunderClient factor = funderClient(participant(FACTOR))) {

            // 1. Authorisation: the supplier lets its core enterprise share history with the bank; the ERP is told.
            String authId = "AUTH-" + UUID.randomUUID();
            assertThat(post(SUPPLIER, MessageType.AUTHORISATION,
                    new Authorisation(authId, SUPPLIER, CORE, BANK, lastJanuary, today.plusYears(1))).statusCode())
                    .isEqualTo(202);
            awaitPartner("/erp/authorisations", "$.payload.authorisationId", authId);

            // 2. History goes to the bank only; history for a funder nobody authorised is refused.
            Payable old = payable(SUPPLIER, "HIST-1", "12000.00", lastJanuary.plusMonths(2), true);
            assertThat(post(CORE, MessageType.HISTORICAL_TRADES,
                    new HistoricalTrades(SUPPLIER, CORE, BANK, lastJanuary, List.of(old))).statusCode()).isEqualTo(202);
            assertThat(next(bank).type()).isEqualTo(MessageType.HISTORICAL_TRADES);
            HttpResponse<String> unauthorised = post(CORE, MessageType.HISTORICAL_TRADES,
                    new HistoricalTrades(SUPPLIER, CORE, FACTOR, lastJanuary, List.of(old)));
            assertThat(unauthorised.statusCode()).isEqualTo(403);
            assertThat(error(unauthorised, "field")).isEqualTo("funderCode");
            assertThat(factor.receive(NOTHING_MORE)).isEmpty();

            // 3. Credit line: from the bank on the broker to the ERP; the ERP's approval back to the bank.
            String lineId = "CL-" + UUID.randomUUID();
            bank.send(envelope(BANK, MessageType.CREDIT_LINE, new CreditLine(lineId, BANK, SUPPLIER, CORE,
                    new BigDecimal("5000000.00"), today, today.plusYears(1))));
            awaitPartner("/erp/credit-lines", "$.payload.creditLineId", lineId);
            assertThat(post(CORE, MessageType.CREDIT_LINE_APPROVAL, new CreditLineApproval(lineId, CORE, true, null))
                    .statusCode()).isEqualTo(202);
            Envelope approval = next(bank);
            assertThat(approval.type()).isEqualTo(MessageType.CREDIT_LINE_APPROVAL);
            assertThat(approval.payload().path("approved").asBoolean()).isTrue();

            // 4. Daily feed before any relationship: stored, the bad record named, nobody receives it.
            String p1 = "FP-" + UUID.randomUUID();
            String p2 = "FP-" + UUID.randomUUID();
            String unconfirmed = "FP-" + UUID.randomUUID();
            JsonNode result = feed("B-1", List.of(payable(SUPPLIER, p1, "100000.00", today, true),
                    payable(SUPPLIER, p2, "50000.00", today, true),
                    payable(SUPPLIER, unconfirmed, "8000.00", today, false),
                    payable("91350100M000100Y44", "FP-BAD", "1.00", today, true)), List.of());
            assertThat(result.path("accepted").asInt()).isEqualTo(3);
            assertThat(result.path("rejected").get(0).path("recordRef").asText()).isEqualTo("payables[3]");
            assertThat(result.path("rejected").get(0).path("field").asText()).isEqualTo("creditorCode");
            assertThat(bank.receive(NOTHING_MORE)).isEmpty();

            // 5. Relationship (pool mode): the bank is told, and from now on receives the supplier's feed.
            String relId = "REL-" + UUID.randomUUID();
            assertThat(post(SUPPLIER, MessageType.FINANCING_RELATIONSHIP, new FinancingRelationship(relId, SUPPLIER,
                    CORE, BANK, FinancingMode.POOL, RelationshipStatus.ACTIVE)).statusCode()).isEqualTo(202);
            assertThat(next(bank).type()).isEqualTo(MessageType.FINANCING_RELATIONSHIP);
            String p3 = "FP-" + UUID.randomUUID();
            JsonNode second = feed("B-2", List.of(payable(SUPPLIER, p3, "30000.00", today, true),
                    payable(OTHER_SUPPLIER, "FP-" + UUID.randomUUID(), "999.00", today, true)), List.of());
            assertThat(second.path("accepted").asInt()).isEqualTo(2);
            Envelope daily = next(bank);
            assertThat(daily.type()).isEqualTo(MessageType.FEED_BATCH);
            assertThat(daily.payload().path("payables")).hasSize(1);
            assertThat(daily.payload().path("payables").get(0).path("documentNumber").asText()).isEqualTo(p3);
            assertThat(factor.receive(NOTHING_MORE)).as("no relationship, no feed").isEmpty();
            // The same records again are duplicates and reach nobody.
            JsonNode again = feed("B-2", List.of(payable(SUPPLIER, p3, "30000.00", today, true)), List.of());
            assertThat(again.path("duplicates").asInt()).isEqualTo(1);
            assertThat(bank.receive(NOTHING_MORE)).isEmpty();

            // 6. Financing request: refused for another supplier's payable, an unconfirmed one, an unknown one.
            HttpResponse<String> notHis = post(SUPPLIER, MessageType.FINANCING_REQUEST, new FinancingRequest(
                    "REQ-" + UUID.randomUUID(), relId, SUPPLIER, BANK, List.of(key(SUPPLIER, p1), key(OTHER_SUPPLIER, p1)),
                    new BigDecimal("1000.00")));
            assertThat(notHis.statusCode()).isEqualTo(422);
            assertThat(error(notHis, "field")).isEqualTo("payload.payables[1].creditorCode");
            assertThat(error(notHis, "reason")).contains(SUPPLIER);
            HttpResponse<String> refused = post(SUPPLIER, MessageType.FINANCING_REQUEST, new FinancingRequest(
                    "REQ-" + UUID.randomUUID(), relId, SUPPLIER, BANK,
                    List.of(key(SUPPLIER, p1), key(SUPPLIER, unconfirmed), key(SUPPLIER, "FP-NONE")),
                    new BigDecimal("1000.00")));
            assertThat(refused.statusCode()).isEqualTo(409);
            JsonNode errors = json.readTree(refused.body()).path("errors");
            assertThat(errors).hasSize(2);
            assertThat(errors.get(0).path("field").asText()).isEqualTo("payables[1]");
            assertThat(errors.get(0).path("reason").asText()).contains("not confirmed");
            assertThat(errors.get(1).path("field").asText()).isEqualTo("payables[2]");
            assertThat(errors.get(1).path("reason").asText()).contains("no payable FP-NONE");
            assertThat(post(SUPPLIER, MessageType.FINANCING_REQUEST, new FinancingRequest("REQ-" + UUID.randomUUID(),
                    relId, SUPPLIER, BANK, List.of(key(SUPPLIER, p1)), new BigDecimal("90000.00"))).statusCode())
                    .isEqualTo(202);
            assertThat(next(bank).type()).isEqualTo(MessageType.FINANCING_REQUEST);

            // 7. Pledge notice: to the supplier's portal; confirmed; to the ERP and the registry; number to the bank.
            String noticeId = "PN-" + UUID.randomUUID();
            bank.send(envelope(BANK, MessageType.PLEDGE_NOTICE, notice(noticeId, BANK, p1, "90000.00")));
            awaitPartner("/portal/pledge-notices", "$.payload.noticeId", noticeId);
            assertThat(post(SUPPLIER, MessageType.NOTICE_CONFIRMATION, new NoticeConfirmation(noticeId, SUPPLIER, true))
                    .statusCode()).isEqualTo(202);
            awaitPartner("/erp/pledge-notices", "$.payload.noticeId", noticeId);
            assertSignedByTheHub("/erp/pledge-notices", noticeId);
            awaitPartner("/registry/registrations", "$.payload.noticeId", noticeId);
            assertThat(next(bank).type()).isEqualTo(MessageType.NOTICE_CONFIRMATION);
            Envelope registered = next(bank);
            assertThat(registered.type()).isEqualTo(MessageType.REGISTRATION_RESULT);
            assertThat(registered.payload().path("registrationNumber").asText()).isEqualTo("REG-" + noticeId);
            // A second funder's notice on the same receivable is refused with the holder and its registration (the
            // supplier has a relationship with that funder too, for a while; without one, it could not even ask).
            String rivalRel = "REL-" + UUID.randomUUID();
            assertThat(post(SUPPLIER, MessageType.FINANCING_RELATIONSHIP, new FinancingRelationship(rivalRel, SUPPLIER,
                    CORE, FACTOR, FinancingMode.SINGLE, RelationshipStatus.ACTIVE)).statusCode()).isEqualTo(202);
            assertThat(next(factor).type()).isEqualTo(MessageType.FINANCING_RELATIONSHIP);
            String rival = "PN-" + UUID.randomUUID();
            factor.send(envelope(FACTOR, MessageType.PLEDGE_NOTICE, notice(rival, FACTOR, p1, "10000.00")));
            Envelope report = next(factor);
            assertThat(report.type()).isEqualTo(MessageType.ERROR_REPORT);
            assertThat(report.payload().path("errors").get(0).path("field").asText()).isEqualTo("receivables[0]");
            assertThat(report.payload().path("errors").get(0).path("reason").asText())
                    .contains("already financed").contains(BANK).contains("REG-" + noticeId);
            assertThat(post(SUPPLIER, MessageType.FINANCING_RELATIONSHIP, new FinancingRelationship(rivalRel, SUPPLIER,
                    CORE, FACTOR, FinancingMode.SINGLE, RelationshipStatus.ENDED)).statusCode()).isEqualTo(202);
            assertThat(next(factor).type()).isEqualTo(MessageType.FINANCING_RELATIONSHIP);

            // 8. Trade: to the supplier's and the core enterprise's systems.
            String tradeId = "TR-" + UUID.randomUUID();
            bank.send(envelope(BANK, MessageType.TRADE, new Trade(tradeId, BANK, SUPPLIER, CORE,
                    List.of(key(SUPPLIER, p1)), null, new BigDecimal("90000.00"), today, noticeId)));
            awaitPartner("/portal/trades", "$.payload.tradeId", tradeId);
            awaitPartner("/erp/trades", "$.payload.tradeId", tradeId);

            // 9. Pool top-up: the supplier adds p3; once the bank approves it with a trade, p3 counts as financed.
            assertThat(post(SUPPLIER, MessageType.FINANCING_REQUEST, new FinancingRequest("REQ-" + UUID.randomUUID(),
                    relId, SUPPLIER, BANK, List.of(key(SUPPLIER, p3)), new BigDecimal("30000.00"))).statusCode())
                    .isEqualTo(202);
            assertThat(next(bank).type()).isEqualTo(MessageType.FINANCING_REQUEST);
            String topUp = "TR-" + UUID.randomUUID();
            bank.send(envelope(BANK, MessageType.TRADE, new Trade(topUp, BANK, SUPPLIER, CORE,
                    List.of(key(SUPPLIER, p3)), null, new BigDecimal("30000.00"), today, null)));
            awaitPartner("/erp/trades", "$.payload.tradeId", topUp);
            assertThat(guard.active(Subjects.receivable(SUPPLIER, CORE, p3))).map(FinancingGuard.Claim::funderCode)
                    .contains(BANK);

            // 10. Continuing feed: the relationship ends; new payables stop, but payments and adjustments on the
            // financed receivables still reach the bank.
            assertThat(post(SUPPLIER, MessageType.FINANCING_RELATIONSHIP, new FinancingRelationship(relId, SUPPLIER,
                    CORE, BANK, FinancingMode.POOL, RelationshipStatus.ENDED)).statusCode()).isEqualTo(202);
            assertThat(next(bank).type()).isEqualTo(MessageType.FINANCING_RELATIONSHIP);
            feed("B-3", List.of(payable(SUPPLIER, "FP-" + UUID.randomUUID(), "700.00", today, true)),
                    List.of(new Payment("PAY-" + UUID.randomUUID(), SUPPLIER, CORE, p1, new BigDecimal("40000.00"),
                            today)));
            Envelope continuing = next(bank);
            assertThat(continuing.type()).isEqualTo(MessageType.FEED_BATCH);
            assertThat(continuing.payload().path("payables")).isEmpty();
            assertThat(continuing.payload().path("payments")).hasSize(1);
            assertThat(continuing.payload().path("payments").get(0).path("documentNumber").asText()).isEqualTo(p1);
            assertThat(bank.receive(NOTHING_MORE)).isEmpty();
            assertThat(factor.receive(NOTHING_MORE)).isEmpty();
        }
    }

    @Test
    void aRegistrationSomeoneElseHoldsAtTheRegistryRefusesAndReleasesTheClaim() throws Exception {
        LocalDate today = LocalDate.now();
        String document = "FP-" + UUID.randomUUID();
        feed("B-reg", List.of(payable(SUPPLIER, document, "20000.00", today, true)), List.of());
        String noticeId = "PN-" + UUID.randomUUID();
        PARTNERS.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo("/registry/registrations"))
                .atPriority(1).withRequestBody(matchingJsonPath("$.payload.noticeId", equalTo(noticeId)))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"registrationRequestId\":\""
                        + BANK + ":" + noticeId + "\",\"registrationNumber\":\"REG-OWN\",\"existingRegistrations\":"
                        + "[\"REG-OTHER-2025\"],\"registeredAt\":\"2026-11-22T08:00:00+08:00\"}")));
        try (FunderClient bank = funderClient(participant(BANK))) {
            String relId = "REL-" + UUID.randomUUID();
            assertThat(post(SUPPLIER, MessageType.FINANCING_RELATIONSHIP, new FinancingRelationship(relId, SUPPLIER,
                    CORE, BANK, FinancingMode.SINGLE, RelationshipStatus.ACTIVE)).statusCode()).isEqualTo(202);
            assertThat(next(bank).type()).isEqualTo(MessageType.FINANCING_RELATIONSHIP);
            bank.send(envelope(BANK, MessageType.PLEDGE_NOTICE, notice(noticeId, BANK, document, "20000.00")));
            awaitPartner("/portal/pledge-notices", "$.payload.noticeId", noticeId);
            assertThat(post(SUPPLIER, MessageType.NOTICE_CONFIRMATION, new NoticeConfirmation(noticeId, SUPPLIER, true))
                    .statusCode()).isEqualTo(202);
            assertThat(next(bank).type()).isEqualTo(MessageType.NOTICE_CONFIRMATION);
            Envelope report = next(bank);
            assertThat(report.type()).isEqualTo(MessageType.ERROR_REPORT);
            assertThat(report.payload().path("errors").get(0).path("field").asText()).isEqualTo("existingRegistrations");
            assertThat(report.payload().path("errors").get(0).path("reason").asText()).contains("REG-OTHER-2025");
            assertThat(guard.active(Subjects.receivable(SUPPLIER, CORE, document))).isEmpty();
            assertThat(post(SUPPLIER, MessageType.FINANCING_RELATIONSHIP, new FinancingRelationship(relId, SUPPLIER,
                    CORE, BANK, FinancingMode.SINGLE, RelationshipStatus.ENDED)).statusCode()).isEqualTo(202);
            assertThat(next(bank).type()).isEqualTo(MessageType.FINANCING_RELATIONSHIP);
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    HttpResponse<String> post(String senderCode, MessageType type, Object payload) throws Exception {
        Participant sender = participant(senderCode);
        return http().post("/api/v1/messages", apiKey(sender), "application/json",
                json.writeValueAsString(envelope(senderCode, type, payload)));
    }

    JsonNode feed(String batchId, List<Payable> payables, List<Payment> payments) throws Exception {
        FeedBatch batch = new FeedBatch(batchId + "-" + UUID.randomUUID(), CORE, payables, List.<Adjustment>of(),
                payments, List.of());
        HttpResponse<String> response = http().post("/api/v1/feed", apiKey(participant(CORE)), "application/json",
                json.writeValueAsString(batch));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** What must be signed (notices, trades, approvals) is signed with the sender's demo key. */
    Envelope envelope(String sender, MessageType type, Object payload) {
        String id = UUID.randomUUID().toString();
        Envelope e = new Envelope(id, id, type, sender, List.of(), OffsetDateTime.now(), json.valueToTree(payload),
                null);
        return InboundSignatures.SIGNED.contains(type) ? signed(e, participant(sender)) : e;
    }

    String error(HttpResponse<String> response, String part) throws Exception {
        return json.readTree(response.body()).path("errors").get(0).path(part).asText();
    }

    static Envelope next(FunderClient client) throws Exception {
        return client.receive(WAIT).orElseThrow(() -> new AssertionError("nothing arrived within " + WAIT));
    }

    static Payable payable(String creditor, String document, String amount, LocalDate issued, boolean confirmed) {
        return new Payable(CORE, creditor, document, new BigDecimal(amount), issued, issued.plusMonths(6), confirmed,
                "CNY");
    }

    static ReceivableKey key(String creditor, String document) {
        return new ReceivableKey(creditor, CORE, document);
    }

    static PledgeNotice notice(String noticeId, String funder, String document, String amount) {
        return new PledgeNotice(noticeId, NoticeKind.PLEDGE, funder, SUPPLIER, CORE, List.of(key(SUPPLIER, document)),
                null, new BigDecimal(amount), new BankAccount("6222020200998877665", "Repayment account",
                "Demo Bank, Fuzhou Branch"), OffsetDateTime.now());
    }

    /** What the hub sent the partner is signed with the hub's key, over exactly that payload. */
    void assertSignedByTheHub(String path, String noticeId) throws Exception {
        Envelope sent = json.readValue(PARTNERS.server().findAll(postRequestedFor(urlEqualTo(path))
                .withRequestBody(matchingJsonPath("$.payload.noticeId", equalTo(noticeId)))).get(0).getBody(),
                Envelope.class);
        var hubCertificate = com.receivableshub.trust.KeyMaterial.readCertificate(
                com.receivableshub.trust.Pki.certificateFile(demoPki.sm2Dir(), hub.code()));
        byte[] content = com.receivableshub.trust.CanonicalJson.bytes(sent.payload());
        assertThat(signatureService.verify(content, sent.signature(), hubCertificate).valid()).isTrue();
        ((com.fasterxml.jackson.databind.node.ObjectNode) sent.payload()).put("amount", new BigDecimal("1.00"));
        assertThat(signatureService.verify(com.receivableshub.trust.CanonicalJson.bytes(sent.payload()),
                sent.signature(), hubCertificate).valid()).isFalse();
    }

    static void awaitPartner(String path, String jsonPath, String value) {
        await().atMost(WAIT).untilAsserted(() -> PARTNERS.server().verify(postRequestedFor(urlEqualTo(path))
                .withHeader("Idempotency-Key", matching(".+"))
                .withRequestBody(matchingJsonPath(jsonPath, equalTo(value)))));
    }
}
