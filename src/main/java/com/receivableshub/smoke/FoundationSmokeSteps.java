package com.receivableshub.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.receivableshub.demo.FunderClient;
import com.receivableshub.demo.ProcurementSoapClient;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.Ping;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.soap.procurement.Ack;
import com.receivableshub.soap.procurement.AckStatus;
import com.receivableshub.soap.procurement.ProcurementIntakePort;
import jakarta.jms.JMSSecurityException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The foundation's smoke steps: health, database, broker, identity on every interface, a message in and out. */
@Component
@Profile("demo")
public class FoundationSmokeSteps implements SmokeSteps {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Override
    public int order() {
        return 0;
    }

    @Override
    public List<SmokeStep> steps(SmokeContext c) {
        return List.of(
                new SmokeStep("foundation.health", () -> health(c)),
                new SmokeStep("foundation.database", () -> database(c)),
                new SmokeStep("foundation.identity-rest", () -> identityRest(c)),
                new SmokeStep("foundation.identity-broker", () -> identityBroker(c)),
                new SmokeStep("foundation.queue-roundtrip", () -> queueRoundTrip(c)),
                new SmokeStep("foundation.soap-in-queue-out", () -> soapInQueueOut(c)));
    }

    private static String health(SmokeContext c) throws Exception {
        // Readiness waits for the polling routes' first poll, which follows start-up closely.
        HttpResponse<String> response = c.http().get("/actuator/health", null);
        for (long end = System.nanoTime() + WAIT.toNanos(); response.statusCode() != 200 && System.nanoTime() < end; ) {
            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000);
            response = c.http().get("/actuator/health", null);
        }
        JsonNode health = c.json().readTree(response.body());
        check("UP".equals(health.path("status").asText()), "health is " + response.body());
        return "UP: " + health.path("components").properties().stream().map(e -> e.getKey()).toList();
    }

    private static String database(SmokeContext c) {
        JdbcTemplate jdbc = c.bean(JdbcTemplate.class);
        String version = jdbc.queryForObject("SELECT MAX(version) FROM flyway_schema_history WHERE success",
                String.class);
        check(version != null, "no migration applied");
        Long ledger = jdbc.queryForObject("SELECT COUNT(*) FROM ledger", Long.class);
        return "schema at version " + version + ", ledger readable (" + ledger + " entries)";
    }

    private static String identityRest(SmokeContext c) throws Exception {
        Participant supplier = c.directory().withRole(ParticipantRole.SUPPLIER).get(0);
        int anonymous = c.http().get("/api/v1/participants/me", null).statusCode();
        int forged = c.http().get("/api/v1/participants/me", "not-a-key").statusCode();
        HttpResponse<String> me = c.http().get("/api/v1/participants/me", c.apiKey(supplier));
        check(anonymous == 401 && forged == 401, "unknown callers got " + anonymous + "/" + forged);
        check(me.statusCode() == 200 && c.json().readTree(me.body()).path("code").asText().equals(supplier.code()),
                "known caller got " + me.statusCode() + " " + me.body());
        return "unknown caller 401, " + supplier.code() + " recognised";
    }

    private static String identityBroker(SmokeContext c) throws Exception {
        Participant funder = c.directory().withRole(ParticipantRole.FUNDER).get(0);
        Participant other = c.directory().withRole(ParticipantRole.FUNDER).get(1);
        try (FunderClient ignored = new FunderClient(c.brokerUrl(), funder.brokerUser().orElseThrow(), "wrong",
                funder.queue(), c.json())) {
            throw new AssertionError("a wrong broker password was accepted");
        } catch (JMSSecurityException expected) {
            // refused, as it must be
        }
        try (FunderClient client = c.funder(funder)) {
            try {
                client.consumerOn(other.queue()).close();
                throw new AssertionError(funder.code() + " could consume " + other.queue());
            } catch (JMSSecurityException expected) {
                // refused, as it must be
            }
        }
        return "wrong password and foreign queue refused";
    }

    private static String queueRoundTrip(SmokeContext c) throws Exception {
        Participant funder = c.directory().withRole(ParticipantRole.FUNDER).get(0);
        try (FunderClient client = c.funder(funder)) {
            String id = UUID.randomUUID().toString();
            client.send(new Envelope(id, id, MessageType.PING, funder.code(), List.of(), OffsetDateTime.now(),
                    c.json().valueToTree(new Ping("smoke")), null));
            Envelope pong = client.receive(WAIT).orElseThrow(() -> new AssertionError("no PONG within " + WAIT));
            check(pong.type() == MessageType.PONG && id.equals(pong.correlationId()), "got " + pong.type());
            return "PING " + id + " answered on " + funder.queue();
        }
    }

    private static String soapInQueueOut(SmokeContext c) throws Exception {
        Participant procurement = c.directory().withRole(ParticipantRole.PROCUREMENT_SYSTEM).get(0);
        List<Participant> funders = c.directory().fundersOfRegion(procurement.regions().get(0));
        ProcurementIntakePort port = ProcurementSoapClient.connect(c.baseUrl(), c.apiKey(procurement));
        String requestId = "smoke-" + UUID.randomUUID();
        Ack ack = port.submitAwardNotice(SmokeSamples.request(requestId, SmokeSamples.awardNotice(procurement, requestId)));
        check(ack.getStatus() == AckStatus.ACCEPTED, "first submission " + ack.getStatus());
        Ack again = port.submitAwardNotice(SmokeSamples.request(requestId, SmokeSamples.awardNotice(procurement, requestId)));
        check(again.getStatus() == AckStatus.DUPLICATE, "second submission " + again.getStatus());
        for (Participant funder : funders) {
            try (FunderClient client = c.funder(funder)) {
                Envelope delivered = client.receive(WAIT)
                        .orElseThrow(() -> new AssertionError("award notice not delivered to " + funder.queue()));
                check(delivered.type() == MessageType.AWARD_NOTICE
                        && requestId.equals(delivered.payload().path("noticeId").asText()), "got " + delivered.type());
            }
        }
        return "award " + requestId + " accepted once, delivered to the " + funders.size() + " funders of region "
                + procurement.regions().get(0);
    }

    static void check(boolean condition, String failure) {
        if (!condition) {
            throw new AssertionError(failure);
        }
    }
}
