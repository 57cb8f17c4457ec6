package com.receivableshub.procurement;

import static org.assertj.core.api.Assertions.assertThat;

import com.receivableshub.demo.FunderClient;
import com.receivableshub.demo.ProcurementSoapClient;
import com.receivableshub.model.AwardHistoryQuery;
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
 * Procurement financing through the real interfaces, the steps built so far: publication (SOAP) to the region's
 * funders, intents, award-history queries (answered from what the hub holds, or asked of the procurement system),
 * applications with the contract, award and payments, and later payments.
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

    @DynamicPropertySource
    static void partners(DynamicPropertyRegistry registry) {
        PARTNERS.register(registry);
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
        }
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
        return new Envelope(id, id, type, sender, List.of(), OffsetDateTime.now(), json.valueToTree(payload), null);
    }

    static Envelope next(FunderClient client) throws Exception {
        return client.receive(WAIT).orElseThrow(() -> new AssertionError("nothing arrived within " + WAIT));
    }
}
