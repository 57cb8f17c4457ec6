package com.receivableshub.smoke;

import static com.receivableshub.smoke.FoundationSmokeSteps.check;
import static com.receivableshub.smoke.SmokeContext.expect;

import com.fasterxml.jackson.databind.JsonNode;
import com.receivableshub.demo.PartnerSimulator;
import com.receivableshub.demo.PartnerSimulator.Received;
import com.receivableshub.model.Authorisation;
import com.receivableshub.model.MessageType;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Reliability: a partner that is down for a while gets the message once it is back, once; a message a partner refuses
 * becomes a dead letter that an operator replays, and it is delivered once.
 */
@Component
@Profile("demo")
public class ReliabilitySmokeSteps implements SmokeSteps {

    private static final String ERP_AUTHORISATIONS = "/erp/authorisations";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Override
    public int order() {
        return 30;
    }

    @Override
    public List<SmokeStep> steps(SmokeContext c) {
        return List.of(
                new SmokeStep("reliability.partner-outage-recovered", () -> outage(c)),
                new SmokeStep("reliability.dead-letter-replayed", () -> deadLetter(c)));
    }

    /** The ERP answers 503 twice; the hub retries with backoff and the authorisation arrives once. */
    private static String outage(SmokeContext c) throws Exception {
        PartnerSimulator erp = c.bean(PartnerSimulator.class);
        erp.failNext(ERP_AUTHORISATIONS, 503, 503);
        String id = authorise(c);
        Received delivered = awaitDelivery(erp, id);
        List<Received> failures = failuresOf(erp, delivered.idempotencyKey());
        check(failures.size() == 2, "expected 2 refused attempts before delivery, saw " + failures.size());
        check(deliveries(erp, delivered.idempotencyKey()) == 1, "delivered more than once");
        return "ERP down twice (503); authorisation " + id + " arrived on attempt 3, once";
    }

    /** The ERP refuses (400): a dead letter with the reason; the operator replays it; it arrives once. */
    private static String deadLetter(SmokeContext c) throws Exception {
        PartnerSimulator erp = c.bean(PartnerSimulator.class);
        Participant operator = c.directory().withRole(ParticipantRole.OPERATOR).get(0);
        erp.failNext(ERP_AUTHORISATIONS, 400);
        String id = authorise(c);
        JsonNode dead = awaitDeadLetter(c, operator, id);
        long deadId = dead.path("id").asLong();
        check(dead.path("reason").asText().contains("HTTP 400"), "dead letter reason: " + dead);
        expect(c.http().post("/api/v1/operator/dead-letters/" + deadId + "/replay", c.apiKey(operator),
                "application/json", ""), 202);
        Received delivered = awaitDelivery(erp, id);
        HttpResponse<String> again = c.http().post("/api/v1/operator/dead-letters/" + deadId + "/replay",
                c.apiKey(operator), "application/json", "");
        expect(again, 409);
        check(deliveries(erp, delivered.idempotencyKey()) == 1, "the replayed message arrived more than once");
        return "refused with HTTP 400 -> dead letter " + deadId + " -> replayed -> arrived once; second replay 409";
    }

    private static String authorise(SmokeContext c) throws Exception {
        Participant supplier = c.directory().byCode("91350100M000100Y43").orElseThrow();
        Participant core = c.directory().withRole(ParticipantRole.CORE_ENTERPRISE).get(0);
        Participant bank = c.directory().withRole(ParticipantRole.FUNDER).get(0);
        LocalDate today = LocalDate.now();
        String id = "AUTH-REL-" + UUID.randomUUID().toString().substring(0, 8);
        expect(c.post(supplier, MessageType.AUTHORISATION, new Authorisation(id, supplier.code(), core.code(),
                bank.code(), today.minusYears(1), today.plusYears(1))), 202);
        return id;
    }

    private static Received awaitDelivery(PartnerSimulator erp, String authorisationId) throws InterruptedException {
        return erp.await(ERP_AUTHORISATIONS, b -> authorisationId.equals(b.path("payload").path("authorisationId")
                .asText()), WAIT).orElseThrow(() -> new AssertionError("authorisation " + authorisationId
                + " did not reach the ERP within " + WAIT));
    }

    private static List<Received> failuresOf(PartnerSimulator erp, String idempotencyKey) {
        return erp.failed().stream().filter(r -> idempotencyKey.equals(r.idempotencyKey())).toList();
    }

    private static long deliveries(PartnerSimulator erp, String idempotencyKey) {
        return erp.received().stream().filter(r -> idempotencyKey.equals(r.idempotencyKey())).count();
    }

    /** The dead letter of the hub's message that carried this authorisation. */
    private static JsonNode awaitDeadLetter(SmokeContext c, Participant operator, String authorisationId)
            throws Exception {
        PartnerSimulator erp = c.bean(PartnerSimulator.class);
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            String key = erp.failed().stream()
                    .filter(r -> authorisationId.equals(r.body().path("payload").path("authorisationId").asText()))
                    .map(Received::idempotencyKey).findFirst().orElse(null);
            if (key != null) {
                JsonNode list = c.json().readTree(c.http().get("/api/v1/operator/dead-letters", c.apiKey(operator)).body());
                for (JsonNode d : list) {
                    if (key.equals(d.path("message_id").asText())) {
                        return d;
                    }
                }
            }
            LockSupport.parkNanos(100_000_000);
        }
        throw new AssertionError("no dead letter for authorisation " + authorisationId + " within " + WAIT);
    }
}
