package com.receivableshub.procurement;

import static org.assertj.core.api.Assertions.assertThat;

import com.receivableshub.demo.FunderClient;
import com.receivableshub.demo.ProcurementSoapClient;
import com.receivableshub.model.AccountLockAck;
import com.receivableshub.model.AwardHistoryQuery;
import com.receivableshub.model.BankAccount;
import com.receivableshub.model.FinancingSettled;
import com.receivableshub.model.NoticeConfirmation;
import com.receivableshub.model.RepaymentAccount;
import com.receivableshub.model.Trade;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.FinancingApplication;
import com.receivableshub.model.FinancingIntent;
import com.receivableshub.model.MessageType;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.smoke.SmokeSamples;
import com.receivableshub.soap.procurement.AckStatus;
import com.receivableshub.soap.procurement.PaymentInfo;
import com.receivableshub.soap.procurement.ProcurementIntakePort;
import com.receivableshub.soap.procurement.SubmitPaymentInfo;
import com.receivableshub.support.HubTestSupport;
import com.receivableshub.support.Partners;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Procurement financing through the real interfaces: publication (feed, SOAP, REST) to the region's funders,
 * intents, award-history queries (answered from what the hub holds, or asked of the procurement system), credit
 * lines, applications with the contract, award and payments, later payments, repayment accounts, trades with the
 * treasury's lock, and the unlock at settlement.
 */
class ProcurementFlowTest extends HubTestSupport {

    static final String SUPPLIER = "913501002611234009";
    static final String OTHER_SUPPLIER = "91350100M000100Y43";
    static final String BANK = "91350200123456700W";
    static final String FACTOR = "91310100666677700N";
    static final String GUANGDONG = "91440300777788800Y";
    static final String FINANCE_DEPARTMENT = "11350000003123400M";
    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration NOTHING_MORE = Duration.ofMillis(700);
    static final Partners PARTNERS = new Partners();

    @org.springframework.beans.factory.annotation.Autowired
    FeedPoller poller;

    @DynamicPropertySource
    static void partners(DynamicPropertyRegistry registry) {
        PARTNERS.register(registry);
        registry.add("hub.locks.resend-after", () -> "PT1S");
        registry.add("hub.locks.check-ms", () -> 500);
    }

    @AfterAll
    static void stopPartners() {
        PARTNERS.stop();
    }

    @Test
    void publicationIntentHistoryApplicationAndPayments() throws Exception {
        Participant procurement = first(ParticipantRole.PROCUREMENT_SYSTEM);
        ProcurementIntakePort port = ProcurementSoapClient.connect(baseUrl(), apiKey(procurement));
        String noticeId = "ZB-" + UUID.randomUUID();
        String contractId = "HT-" + UUID.randomUUID();
        try (FunderClient bank = funderClient(participant(BANK)); FunderClient factor = funderClient(participant(FACTOR));
             FunderClient guangdong = funderClient(participant(GUANGDONG))) {

            // 1. Published award and contract reach the region's funders; sent again, they go nowhere.
            port.submitAwardNotice(SmokeSamples.request("r-" + noticeId, SmokeSamples.awardNotice(procurement, noticeId)));
            port.submitContract(SmokeSamples.request("r-" + contractId,
                    SmokeSamples.contract(procurement, contractId, noticeId)));
            port.submitAwardNotice(SmokeSamples.request("r2-" + noticeId, SmokeSamples.awardNotice(procurement, noticeId)));
            for (FunderClient funder : List.of(bank, factor)) {
                assertThat(types(funder, 2)).containsExactly(MessageType.AWARD_NOTICE, MessageType.CONTRACT);
                assertThat(funder.receive(NOTHING_MORE)).as("the same notice again goes nowhere").isEmpty();
            }
            assertThat(guangdong.receive(NOTHING_MORE)).isEmpty();

            // 2. A financing intent reaches the funders of its finance department's region only.
            assertThat(post(SUPPLIER, MessageType.FINANCING_INTENT, new FinancingIntent("INT-" + UUID.randomUUID(),
                    SUPPLIER, List.of(FINANCE_DEPARTMENT), new BigDecimal("500000.00"), "working capital"))
                    .statusCode()).isEqualTo(202);
            assertThat(next(bank).type()).isEqualTo(MessageType.FINANCING_INTENT);
            assertThat(next(factor).type()).isEqualTo(MessageType.FINANCING_INTENT);
            assertThat(guangdong.receive(NOTHING_MORE)).isEmpty();
            HttpResponse<String> unknown = post(SUPPLIER, MessageType.FINANCING_INTENT, new FinancingIntent(
                    "INT-" + UUID.randomUUID(), SUPPLIER, List.of("11100000000001300T"), new BigDecimal("1.00"), null));
            assertThat(unknown.statusCode()).isEqualTo(422);
            assertThat(json.readTree(unknown.body()).path("errors").get(0).path("field").asText())
                    .isEqualTo("financeDepartmentCodes[0]");

            // 3. History: answered from what the hub holds...
            bank.send(envelope(BANK, MessageType.AWARD_HISTORY_QUERY, new AwardHistoryQuery("Q-1", BANK, SUPPLIER,
                    LocalDate.now().minusYears(1))));
            Envelope history = next(bank);
            assertThat(history.type()).isEqualTo(MessageType.AWARD_HISTORY);
            assertThat(history.payload().path("summary").path("count").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(history.payload().path("contracts").size()).isGreaterThanOrEqualTo(1);
            // ... or, holding nothing for this supplier, asked of the procurement system and passed on.
            bank.send(envelope(BANK, MessageType.AWARD_HISTORY_QUERY, new AwardHistoryQuery("Q-2", BANK,
                    OTHER_SUPPLIER, LocalDate.now().minusYears(1))));
            Envelope asked = next(bank);
            assertThat(asked.type()).isEqualTo(MessageType.AWARD_HISTORY);
            assertThat(asked.payload().path("queryId").asText()).isEqualTo("Q-2");
            assertThat(asked.payload().path("awards").get(0).path("noticeId").asText()).isEqualTo("ZB-HIST-0001");

            // 4. Application: refused on someone else's contract; otherwise the funder gets it with the documents.
            HttpResponse<String> notHers = post(OTHER_SUPPLIER, MessageType.FINANCING_APPLICATION,
                    new FinancingApplication("APP-" + UUID.randomUUID(), OTHER_SUPPLIER, BANK, contractId, null,
                            new BigDecimal("1000.00"), "6 months"));
            assertThat(notHers.statusCode()).isEqualTo(403);
            assertThat(post(SUPPLIER, MessageType.FINANCING_APPLICATION, new FinancingApplication(
                    "APP-" + UUID.randomUUID(), SUPPLIER, BANK, contractId, null, new BigDecimal("600000.00"),
                    "6 months against the first instalment")).statusCode()).isEqualTo(202);
            assertThat(types(bank, 3)).containsExactly(MessageType.FINANCING_APPLICATION, MessageType.CONTRACT,
                    MessageType.AWARD_NOTICE);

            // 5. A later payment on the contract reaches the funder applied to, and no other.
            SubmitPaymentInfo payment = new SubmitPaymentInfo();
            payment.setRequestId("pay-" + UUID.randomUUID());
            PaymentInfo info = new PaymentInfo();
            info.setPaymentId("PAY-" + UUID.randomUUID());
            info.setContractId(contractId);
            info.setAmount(new BigDecimal("640000.00"));
            info.setPaidDate(LocalDate.now());
            payment.setPaymentInfo(info);
            assertThat(port.submitPaymentInfo(payment).getStatus()).isEqualTo(AckStatus.ACCEPTED);
            Envelope paid = next(bank);
            assertThat(paid.type()).isEqualTo(MessageType.PROCUREMENT_PAYMENT);
            assertThat(paid.payload().path("amount").decimalValue()).isEqualByComparingTo("640000.00");
            assertThat(factor.receive(NOTHING_MORE)).isEmpty();

            // 6. Repayment account: designated by the bank, confirmed by the supplier, sent to the procurement system.
            String designation = "RA-" + UUID.randomUUID();
            bank.send(envelope(BANK, MessageType.REPAYMENT_ACCOUNT, new RepaymentAccount(designation, BANK, SUPPLIER,
                    contractId, new BankAccount("6222020200776655443", "Demo Bank repayment", "Demo Bank"))));
            awaitPartner("/portal/repayment-accounts", "$.payload.designationId", designation);
            assertThat(post(SUPPLIER, MessageType.NOTICE_CONFIRMATION, new NoticeConfirmation(designation, SUPPLIER,
                    true)).statusCode()).isEqualTo(202);
            assertThat(next(bank).type()).isEqualTo(MessageType.NOTICE_CONFIRMATION);
            awaitPartner("/procurement/api/repayment-accounts", "$.payload.designationId", designation);

            // 7. Trade: to the procurement system; a signed lock instruction to the treasury, acknowledged (signed);
            // a second funder's trade on the same contract is refused.
            String tradeId = "TR-" + UUID.randomUUID();
            stubTreasuryAck("LOCK:" + BANK + ":" + tradeId);
            bank.send(envelope(BANK, MessageType.TRADE, new Trade(tradeId, BANK, SUPPLIER, FINANCE_DEPARTMENT, null,
                    contractId, new BigDecimal("600000.00"), LocalDate.now(), null)));
            awaitPartner("/procurement/api/trades", "$.payload.tradeId", tradeId);
            awaitPartner("/treasury/locks", "$.payload.instructionId", "LOCK:" + BANK + ":" + tradeId);
            Envelope locked = next(bank);
            assertThat(locked.type()).isEqualTo(MessageType.ACCOUNT_LOCK_ACK);
            assertThat(locked.payload().path("accepted").asBoolean()).isTrue();
            assertThat(json.readTree(http().get("/api/v1/operator/account-locks",
                    apiKey(first(ParticipantRole.OPERATOR))).body()).findValuesAsText("instruction_id"))
                    .as("an acknowledged lock is not waiting").doesNotContain("LOCK:" + BANK + ":" + tradeId);
            assertThat(post(SUPPLIER, MessageType.FINANCING_APPLICATION, new FinancingApplication(
                    "APP-" + UUID.randomUUID(), SUPPLIER, FACTOR, contractId, null, new BigDecimal("1000.00"),
                    "3 months")).statusCode()).isEqualTo(202);
            types(factor, 4);
            factor.send(envelope(FACTOR, MessageType.TRADE, new Trade("TR-" + UUID.randomUUID(), FACTOR, SUPPLIER,
                    FINANCE_DEPARTMENT, null, contractId, new BigDecimal("1000.00"), LocalDate.now(), null)));
            Envelope refused = next(factor);
            assertThat(refused.type()).isEqualTo(MessageType.ERROR_REPORT);
            assertThat(refused.payload().path("errors").get(0).path("reason").asText()).contains("already under an active")
                    .contains(BANK);

            // 8. Settled: the treasury is told to unlock.
            stubTreasuryAck("UNLOCK:" + BANK + ":" + tradeId);
            bank.send(envelope(BANK, MessageType.FINANCING_SETTLED, new FinancingSettled(tradeId, LocalDate.now())));
            awaitPartner("/treasury/locks", "$.payload.instructionId", "UNLOCK:" + BANK + ":" + tradeId);
            Envelope unlocked = next(bank);
            assertThat(unlocked.type()).isEqualTo(MessageType.ACCOUNT_LOCK_ACK);
            assertThat(unlocked.payload().path("instructionId").asText()).startsWith("UNLOCK:");
        }
    }

    @Test
    void theSoapRouteRunsOnTheRequestsThreadNotAsAContinuation(
            @org.springframework.beans.factory.annotation.Autowired org.apache.camel.CamelContext camel) {
        org.apache.camel.Endpoint endpoint = camel.getRoute("procurement-soap.receive").getEndpoint();
        assertThat(endpoint).isInstanceOf(org.apache.camel.component.cxf.jaxws.CxfEndpoint.class);
        assertThat(((org.apache.camel.component.cxf.jaxws.CxfEndpoint) endpoint).isSynchronous()).isTrue();
    }

    @Test
    void theWholeModeFromPullToUnlock() throws Exception {
        String contractId = "CT-FEED-1";
        try (FunderClient bank = funderClient(participant(BANK)); FunderClient factor = funderClient(participant(FACTOR))) {
            // 1-3. Pulled from the feed (award, contract, a payment) and delivered to the region's funders.
            poller.pollAll();
            for (FunderClient funder : List.of(bank, factor)) {
                assertThat(types(funder, 2)).containsExactly(MessageType.AWARD_NOTICE, MessageType.CONTRACT);
            }
            // A REST push of the same award changes nothing; a new one over REST is delivered.
            Participant procurement = first(ParticipantRole.PROCUREMENT_SYSTEM);
            String pushed = "ZB-REST-" + UUID.randomUUID();
            assertThat(post(procurement.code(), MessageType.AWARD_NOTICE, new com.receivableshub.model.AwardNotice(
                    pushed, "P-1", "Desks", "350102", FINANCE_DEPARTMENT, "Buyer", FINANCE_DEPARTMENT, SUPPLIER,
                    "Xiamen Office Supplies", new BigDecimal("1000.00"), LocalDate.now(), procurement.code()))
                    .statusCode()).isEqualTo(202);
            assertThat(next(bank).payload().path("noticeId").asText()).isEqualTo(pushed);
            assertThat(next(factor).payload().path("noticeId").asText()).isEqualTo(pushed);

            // 4. The funder's credit line reaches the supplier.
            String line = "CL-" + UUID.randomUUID();
            bank.send(envelope(BANK, MessageType.CREDIT_LINE, new com.receivableshub.model.CreditLine(line, BANK,
                    SUPPLIER, null, new BigDecimal("2000000.00"), LocalDate.now(), LocalDate.now().plusYears(1))));
            awaitPartner("/portal/credit-lines", "$.payload.creditLineId", line);

            // 5-6. Application and repayment account.
            assertThat(post(SUPPLIER, MessageType.FINANCING_APPLICATION, new FinancingApplication(
                    "APP-" + UUID.randomUUID(), SUPPLIER, BANK, contractId, null, new BigDecimal("500000.00"),
                    "against the plan")).statusCode()).isEqualTo(202);
            assertThat(types(bank, 4)).containsExactly(MessageType.FINANCING_APPLICATION, MessageType.CONTRACT,
                    MessageType.AWARD_NOTICE, MessageType.PROCUREMENT_PAYMENT);
            String designation = "RA-" + UUID.randomUUID();
            bank.send(envelope(BANK, MessageType.REPAYMENT_ACCOUNT, new RepaymentAccount(designation, BANK, SUPPLIER,
                    contractId, new BankAccount("6222020200776655443", "Demo Bank repayment", "Demo Bank"))));
            awaitPartner("/portal/repayment-accounts", "$.payload.designationId", designation);
            assertThat(post(SUPPLIER, MessageType.NOTICE_CONFIRMATION, new NoticeConfirmation(designation, SUPPLIER,
                    true)).statusCode()).isEqualTo(202);
            assertThat(next(bank).type()).isEqualTo(MessageType.NOTICE_CONFIRMATION);
            awaitPartner("/procurement/api/repayment-accounts", "$.payload.designationId", designation);

            // 7. The trade's lock: the treasury first answers with an unsigned acknowledgement, which does not count;
            // operators see the lock waiting.
            String tradeId = "TR-" + UUID.randomUUID();
            String lock = "LOCK:" + BANK + ":" + tradeId;
            PARTNERS.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                    com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/treasury/locks")).atPriority(1)
                    .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                            "$.payload.instructionId", com.github.tomakehurst.wiremock.client.WireMock.equalTo(lock)))
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                            "{\"instructionId\":\"" + lock + "\",\"accepted\":true}")));
            bank.send(envelope(BANK, MessageType.TRADE, new Trade(tradeId, BANK, SUPPLIER, FINANCE_DEPARTMENT, null,
                    contractId, new BigDecimal("500000.00"), LocalDate.now(), null)));
            awaitPartner("/procurement/api/trades", "$.payload.tradeId", tradeId);
            awaitPartner("/treasury/locks", "$.payload.instructionId", lock);
            var waiting = json.readTree(http().get("/api/v1/operator/account-locks",
                    apiKey(first(ParticipantRole.OPERATOR))).body());
            assertThat(waiting.findValuesAsText("instruction_id")).contains(lock);
            assertThat(bank.receive(NOTHING_MORE)).isEmpty();
            // Not acknowledged, the same instruction goes again; once the treasury signs its answer, it is done.
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> PARTNERS.server().findAll(
                    com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                            com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/treasury/locks"))
                            .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                                    "$.payload.instructionId",
                                    com.github.tomakehurst.wiremock.client.WireMock.equalTo(lock)))).size() >= 2);
            stubTreasuryAck(lock);
            Envelope locked = next(bank);
            assertThat(locked.type()).isEqualTo(MessageType.ACCOUNT_LOCK_ACK);
            assertThat(locked.payload().path("instructionId").asText()).isEqualTo(lock);

            // 8. Settled: unlocked, and acknowledged with the treasury's signature.
            stubTreasuryAck("UNLOCK:" + BANK + ":" + tradeId);
            bank.send(envelope(BANK, MessageType.FINANCING_SETTLED, new FinancingSettled(tradeId, LocalDate.now())));
            Envelope unlocked = next(bank);
            assertThat(unlocked.type()).isEqualTo(MessageType.ACCOUNT_LOCK_ACK);
            assertThat(unlocked.payload().path("instructionId").asText()).isEqualTo("UNLOCK:" + BANK + ":" + tradeId);
        }
    }

    /** The treasury answers this instruction with an acknowledgement signed with its own key. */
    void stubTreasuryAck(String instructionId) throws Exception {
        Participant treasury = first(ParticipantRole.TREASURY);
        Envelope ack = signed(new Envelope("ack-" + instructionId, instructionId, MessageType.ACCOUNT_LOCK_ACK,
                treasury.code(), List.of(), OffsetDateTime.now(),
                json.valueToTree(new AccountLockAck(instructionId, true, null)), null), treasury);
        PARTNERS.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/treasury/locks")).atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                        "$.payload.instructionId", com.github.tomakehurst.wiremock.client.WireMock.equalTo(instructionId)))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(json.writeValueAsString(ack))));
    }

    static void awaitPartner(String path, String jsonPath, String value) {
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> PARTNERS.server().verify(
                com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(path))
                        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(jsonPath,
                                com.github.tomakehurst.wiremock.client.WireMock.equalTo(value)))));
    }

    List<MessageType> types(FunderClient client, int n) throws Exception {
        List<MessageType> types = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            types.add(next(client).type());
        }
        return types;
    }

    HttpResponse<String> post(String sender, MessageType type, Object payload) throws Exception {
        return http().post("/api/v1/messages", apiKey(participant(sender)), "application/json",
                json.writeValueAsString(envelope(sender, type, payload)));
    }

    Envelope envelope(String sender, MessageType type, Object payload) {
        String id = UUID.randomUUID().toString();
        Envelope e = new Envelope(id, id, type, sender, List.of(), OffsetDateTime.now(), json.valueToTree(payload),
                null);
        return com.receivableshub.trust.InboundSignatures.SIGNED.contains(type) ? signed(e, participant(sender)) : e;
    }

    static Envelope next(FunderClient client) throws Exception {
        return client.receive(WAIT).orElseThrow(() -> new AssertionError("nothing arrived within " + WAIT));
    }
}
