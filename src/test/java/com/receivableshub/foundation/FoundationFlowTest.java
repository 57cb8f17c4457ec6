package com.receivableshub.foundation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.receivableshub.demo.FunderClient;
import com.receivableshub.demo.ProcurementSoapClient;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.Ping;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.smoke.SmokeSamples;
import com.receivableshub.soap.procurement.Ack;
import com.receivableshub.soap.procurement.AckStatus;
import com.receivableshub.soap.procurement.AwardNotice;
import com.receivableshub.soap.procurement.ProcurementIntakePort;
import com.receivableshub.support.HubTestSupport;
import jakarta.jms.JMSSecurityException;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The foundation through its real interfaces: identity on REST, SOAP and the broker, a message in and out of a
 * funder's queue, idempotent intake, the ledger chain. Run on H2 and on PostgreSQL by the subclasses.
 */
abstract class FoundationFlowTest extends HubTestSupport {

    static final String BANK_FUJIAN = "91350200123456700W";
    static final String FACTOR_HAIXI = "91310100666677700N";
    static final String BANK_GUANGDONG = "91440300777788800Y";
    static final String SUPPLIER = "91350100M000100Y43";
    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration NOTHING_MORE = Duration.ofMillis(700);

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void healthIsUpWithBrokerAndDatabase() throws Exception {
        // Readiness includes the polling routes' first poll, which follows start-up closely.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> http().get("/actuator/health", null).statusCode() == 200);
        HttpResponse<String> response = http().get("/actuator/health", null);
        JsonNode health = json.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("jms").path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("camelHealth").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void restRefusesUnknownCallersAndKnowsKnownOnes() throws Exception {
        Participant supplier = participant(SUPPLIER);
        HttpResponse<String> anonymous = http().get("/api/v1/participants/me", null);
        HttpResponse<String> wrongKey = http().get("/api/v1/participants/me", "guessed-key");
        HttpResponse<String> me = http().get("/api/v1/participants/me", apiKey(supplier));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json.readTree(anonymous.body()).path("errors").get(0).path("field").asText()).isEqualTo("X-Api-Key");
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json.readTree(me.body()).path("code").asText()).isEqualTo(SUPPLIER);
        assertThat(json.readTree(me.body()).path("roles").get(0).asText()).isEqualTo("SUPPLIER");
    }

    @Test
    void aForgedCallerHeaderIsIgnored() throws Exception {
        Participant supplier = participant(SUPPLIER);
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/v1/participants/me"))
                .header("X-Api-Key", apiKey(supplier)).header("X-Hub-Caller", BANK_FUJIAN).GET().build();
        HttpResponse<String> me = java.net.http.HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(json.readTree(me.body()).path("code").asText()).isEqualTo(SUPPLIER);
    }

    @Test
    void openApiAndWsdlArePublic() throws Exception {
        HttpResponse<String> openapi = http().get("/api/v1/openapi.yaml", null);
        HttpResponse<String> wsdl = http().get("/services/procurement?wsdl", null);
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).startsWith("openapi: 3.1.0").contains("/messages:");
        assertThat(wsdl.statusCode()).isEqualTo(200);
        assertThat(wsdl.body()).contains("submitAwardNotice");
    }

    @Test
    void restIntakeIsIdempotentAndRefusesAnotherSendersName() throws Exception {
        Participant supplier = participant(SUPPLIER);
        String id = UUID.randomUUID().toString();
        String ping = envelopeJson(id, SUPPLIER);
        long ledgerBefore = ledgerSize();

        HttpResponse<String> first = http().post("/api/v1/messages", apiKey(supplier), "application/json", ping);
        HttpResponse<String> second = http().post("/api/v1/messages", apiKey(supplier), "application/json", ping);
        HttpResponse<String> forged = http().post("/api/v1/messages", apiKey(supplier), "application/json",
                envelopeJson(UUID.randomUUID().toString(), BANK_FUJIAN));

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(json.readTree(first.body()).path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json.readTree(second.body()).path("status").asText()).isEqualTo("DUPLICATE");
        assertThat(json.readTree(second.body()).path("ledgerSeq").asLong())
                .isEqualTo(json.readTree(first.body()).path("ledgerSeq").asLong());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(json.readTree(forged.body()).path("errors").get(0).path("field").asText()).isEqualTo("sender");
        assertThat(ledgerSize()).isEqualTo(ledgerBefore + 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbound_message WHERE message_id = ?", Integer.class, id))
                .isEqualTo(1);
    }

    @Test
    void restNamesTheFieldOfABadEnvelope() throws Exception {
        Participant supplier = participant(SUPPLIER);
        HttpResponse<String> notJson = http().post("/api/v1/messages", apiKey(supplier), "application/json", "{oops");
        HttpResponse<String> unknownType = http().post("/api/v1/messages", apiKey(supplier), "application/json",
                envelopeJson(UUID.randomUUID().toString(), SUPPLIER).replace("\"PING\"", "\"NO_SUCH_TYPE\""));
        HttpResponse<String> extraField = http().post("/api/v1/messages", apiKey(supplier), "application/json",
                envelopeJson(UUID.randomUUID().toString(), SUPPLIER).replaceFirst("\\{", "{\"surprise\":1,"));

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json.readTree(notJson.body()).path("errors").get(0).path("reason").asText()).contains("line 1");
        assertThat(unknownType.statusCode()).isEqualTo(400);
        assertThat(json.readTree(unknownType.body()).path("errors").get(0).path("field").asText()).isEqualTo("type");
        assertThat(extraField.statusCode()).isEqualTo(400);
        assertThat(json.readTree(extraField.body()).path("errors").get(0).path("field").asText()).isEqualTo("surprise");
    }

    @Test
    void funderPingOnTheBrokerIsAnsweredOnItsOwnQueueOnly() throws Exception {
        Participant bank = participant(BANK_FUJIAN);
        Participant factor = participant(FACTOR_HAIXI);
        try (FunderClient bankClient = funderClient(bank); FunderClient factorClient = funderClient(factor)) {
            String id = UUID.randomUUID().toString();
            Envelope ping = new Envelope(id, id, MessageType.PING, BANK_FUJIAN, List.of(), OffsetDateTime.now(),
                    json.valueToTree(new Ping("hello")), null);
            bankClient.send(ping);
            bankClient.send(ping);

            Envelope pong = bankClient.receive(WAIT).orElseThrow();
            assertThat(pong.type()).isEqualTo(MessageType.PONG);
            assertThat(pong.correlationId()).isEqualTo(id);
            assertThat(pong.sender()).isEqualTo(hub.code());
            assertThat(pong.payload().path("text").asText()).isEqualTo("hello");
            assertThat(bankClient.receive(NOTHING_MORE)).as("the duplicate ping is not answered twice").isEmpty();
            assertThat(factorClient.receive(NOTHING_MORE)).isEmpty();
        }
    }

    @Test
    void aFunderSendingInAnothersNameGetsAnErrorReport() throws Exception {
        Participant bank = participant(BANK_FUJIAN);
        try (FunderClient bankClient = funderClient(bank)) {
            String id = UUID.randomUUID().toString();
            bankClient.send(new Envelope(id, id, MessageType.PING, FACTOR_HAIXI, List.of(), OffsetDateTime.now(),
                    json.valueToTree(new Ping("forged")), null));
            Envelope report = bankClient.receive(WAIT).orElseThrow();
            assertThat(report.type()).isEqualTo(MessageType.ERROR_REPORT);
            assertThat(report.payload().path("refMessageId").asText()).isEqualTo(id);
            assertThat(report.payload().path("errors").get(0).path("field").asText()).isEqualTo("sender");
        }
    }

    @Test
    void brokerRefusesUnknownUsersForeignQueuesAndForeignAddresses() throws Exception {
        Participant bank = participant(BANK_FUJIAN);
        Participant factor = participant(FACTOR_HAIXI);
        assertThatThrownBy(() -> new FunderClient(brokerUrl(), "intruder", "x", bank.queue(), json).close())
                .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> new FunderClient(brokerUrl(), bank.brokerUser().orElseThrow(), "wrong-password",
                bank.queue(), json).close())
                .isInstanceOf(JMSSecurityException.class);
        try (FunderClient bankClient = funderClient(bank)) {
            assertThatThrownBy(() -> bankClient.consumerOn(factor.queue())).isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> bankClient.sendText(factor.queue(), "{}")).isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> bankClient.consumerOn("hub.inbound")).isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void soapAwardNoticeReachesTheFundersOfItsRegionOnce() throws Exception {
        Participant procurement = first(ParticipantRole.PROCUREMENT_SYSTEM);
        ProcurementIntakePort port = ProcurementSoapClient.connect(baseUrl(), apiKey(procurement));
        String requestId = "award-" + UUID.randomUUID();
        try (FunderClient bank = funderClient(participant(BANK_FUJIAN));
             FunderClient factor = funderClient(participant(FACTOR_HAIXI));
             FunderClient guangdong = funderClient(participant(BANK_GUANGDONG))) {
            Ack ack = port.submitAwardNotice(SmokeSamples.request(requestId, SmokeSamples.awardNotice(procurement, requestId)));
            Ack again = port.submitAwardNotice(SmokeSamples.request(requestId, SmokeSamples.awardNotice(procurement, requestId)));

            assertThat(ack.getStatus()).isEqualTo(AckStatus.ACCEPTED);
            assertThat(again.getStatus()).isEqualTo(AckStatus.DUPLICATE);
            for (FunderClient fujianFunder : List.of(bank, factor)) {
                Envelope delivered = fujianFunder.receive(WAIT).orElseThrow();
                assertThat(delivered.type()).isEqualTo(MessageType.AWARD_NOTICE);
                assertThat(delivered.payload().path("noticeId").asText()).isEqualTo(requestId);
                assertThat(delivered.payload().path("amount").decimalValue()).isEqualByComparingTo("1280000.00");
                assertThat(fujianFunder.receive(NOTHING_MORE)).isEmpty();
            }
            assertThat(guangdong.receive(NOTHING_MORE)).as("a Guangdong funder sees no Fujian award").isEmpty();
        }
    }

    @Test
    void soapRefusesUnknownCallersAndNamesBadFields() {
        Participant procurement = first(ParticipantRole.PROCUREMENT_SYSTEM);
        ProcurementIntakePort anonymous = ProcurementSoapClient.connect(baseUrl(), null);
        assertThatThrownBy(() -> anonymous.submitAwardNotice(SmokeSamples.request("x-1", SmokeSamples.awardNotice(procurement, "x-1"))))
                .rootCause().hasMessageContaining("401");

        ProcurementIntakePort port = ProcurementSoapClient.connect(baseUrl(), apiKey(procurement));
        AwardNotice bad = SmokeSamples.awardNotice(procurement, "x-2");
        bad.setSupplierCode("91350100M000100Y44");
        assertThatThrownBy(() -> port.submitAwardNotice(SmokeSamples.request("x-2", bad)))
                .isInstanceOf(SOAPFaultException.class)
                .hasMessageContaining("supplierCode");

        AwardNotice foreign = SmokeSamples.awardNotice(procurement, "x-3");
        foreign.setRegion("440300");
        assertThatThrownBy(() -> port.submitAwardNotice(SmokeSamples.request("x-3", foreign)))
                .isInstanceOf(SOAPFaultException.class)
                .hasMessageContaining("region");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void logLinesAboutAMessageCarryItsIdsAndSender(CapturedOutput output) throws Exception {
        Participant supplier = participant(SUPPLIER);
        String id = UUID.randomUUID().toString();
        http().post("/api/v1/messages", apiKey(supplier), "application/json", envelopeJson(id, SUPPLIER));
        assertThat(output.getOut()).containsPattern(
                "msg=" + id + " corr=" + id + " from=" + SUPPLIER + "\\].*PING " + id + " from " + SUPPLIER);
    }

    @Test
    void everyLedgerEntryLinksToThePreviousOne() throws Exception {
        Participant supplier = participant(SUPPLIER);
        for (int i = 0; i < 3; i++) {
            http().post("/api/v1/messages", apiKey(supplier), "application/json",
                    envelopeJson(UUID.randomUUID().toString(), SUPPLIER));
        }
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT seq, prev_hash, entry_hash FROM ledger ORDER BY seq");
        assertThat(rows).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).get("prev_hash")).isEqualTo(rows.get(i - 1).get("entry_hash"));
            assertThat(((Number) rows.get(i).get("seq")).longValue())
                    .isEqualTo(((Number) rows.get(i - 1).get("seq")).longValue() + 1);
        }
    }

    @Test
    void operatorsVerifyTheLedgerAndSeeTheHistoryOfAContract() throws Exception {
        Participant operator = first(ParticipantRole.OPERATOR);
        Participant procurement = first(ParticipantRole.PROCUREMENT_SYSTEM);
        String contractId = "CT-" + UUID.randomUUID();
        ProcurementIntakePort port = ProcurementSoapClient.connect(baseUrl(), apiKey(procurement));
        try (FunderClient bank = funderClient(participant(BANK_FUJIAN));
             FunderClient factor = funderClient(participant(FACTOR_HAIXI))) {
            assertThat(port.submitContract(SmokeSamples.request("req-" + contractId,
                    SmokeSamples.contract(procurement, contractId, null))).getStatus()).isEqualTo(AckStatus.ACCEPTED);
            for (FunderClient funder : List.of(bank, factor)) {
                Envelope delivered = funder.receive(WAIT).orElseThrow();
                assertThat(delivered.type()).isEqualTo(MessageType.CONTRACT);
                assertThat(delivered.payload().path("contractId").asText()).isEqualTo(contractId);
                assertThat(delivered.payload().path("paymentPlan")).hasSize(2);
            }
        }

        HttpResponse<String> notAnOperator = http().get("/api/v1/operator/ledger/verify", apiKey(participant(SUPPLIER)));
        HttpResponse<String> verify = http().get("/api/v1/operator/ledger/verify", apiKey(operator));
        HttpResponse<String> history = http().get("/api/v1/operator/contracts/" + contractId + "/history",
                apiKey(operator));

        assertThat(notAnOperator.statusCode()).isEqualTo(403);
        assertThat(verify.statusCode()).isEqualTo(200);
        assertThat(json.readTree(verify.body()).path("intact").asBoolean()).isTrue();
        JsonNode entries = json.readTree(history.body()).path("entries");
        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).path("direction").asText()).isEqualTo("IN");
        assertThat(entries.get(0).path("sender").asText()).isEqualTo(procurement.code());
        assertThat(List.of(entries.get(1).path("receivers").get(0).asText(), entries.get(2).path("receivers").get(0).asText()))
                .containsExactlyInAnyOrder(BANK_FUJIAN, FACTOR_HAIXI);
    }

    long ledgerSize() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM ledger", Long.class);
    }

    String envelopeJson(String id, String sender) throws Exception {
        return json.writeValueAsString(new Envelope(id, id, MessageType.PING, sender, List.of(), OffsetDateTime.now(),
                json.valueToTree(new Ping("hi")), null));
    }
}
