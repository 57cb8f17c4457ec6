package com.receivableshub.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.receivableshub.HubProperties;
import com.receivableshub.demo.FunderClient;
import com.receivableshub.model.BankAccount;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.FeedBatch;
import com.receivableshub.model.FinancingMode;
import com.receivableshub.model.FinancingRelationship;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.NoticeConfirmation;
import com.receivableshub.model.NoticeKind;
import com.receivableshub.model.Payable;
import com.receivableshub.model.PledgeNotice;
import com.receivableshub.model.ReceivableKey;
import com.receivableshub.model.RelationshipStatus;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.trust.DemoPki;
import com.receivableshub.trust.KeyMaterial;
import com.receivableshub.trust.Pki;
import com.receivableshub.trust.SignatureService;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Trust: the hub's signature verifies, a forged notice is refused, the ledger is intact, no double financing. */
@Component
@Profile("demo")
public class TrustSmokeSteps implements SmokeSteps {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Override
    public int order() {
        return 20;
    }

    @Override
    public List<SmokeStep> steps(SmokeContext c) {
        return List.of(
                new SmokeStep("trust.sign-verify", () -> signVerify(c)),
                new SmokeStep("trust.forged-notice-refused", () -> forged(c)),
                new SmokeStep("trust.double-financing-refused", () -> doubleFinancing(c)),
                new SmokeStep("trust.ledger-verify", () -> ledger(c)));
    }

    private static String signVerify(SmokeContext c) {
        SignatureService signatures = c.bean(SignatureService.class);
        X509Certificate hubCertificate = KeyMaterial.readCertificate(Pki.certificateFile(c.bean(DemoPki.class).sm2Dir(),
                c.bean(HubProperties.class).code()));
        byte[] content = "{\"noticeId\":\"smoke\"}".getBytes(StandardCharsets.UTF_8);
        var signature = signatures.sign(content);
        FoundationSmokeSteps.check(signatures.verify(content, signature, hubCertificate).valid(), "own signature invalid");
        byte[] tampered = "{\"noticeId\":\"smokf\"}".getBytes(StandardCharsets.UTF_8);
        FoundationSmokeSteps.check(!signatures.verify(tampered, signature, hubCertificate).valid(),
                "a tampered message verified");
        return signature.algorithm() + " signature verifies against the hub's certificate; a changed byte does not";
    }

    private static String forged(SmokeContext c) throws Exception {
        Participant bank = c.directory().byCode("91350200123456700W").orElseThrow();
        Participant otherBank = c.directory().byCode("91440300777788800Y").orElseThrow();
        try (FunderClient client = c.funder(bank)) {
            Envelope forged = c.signed(notice(c, bank, "PN-forged-" + UUID.randomUUID(), "FP-none"), otherBank);
            client.send(forged);
            Envelope report = client.receive(WAIT).orElseThrow(() -> new AssertionError("no answer"));
            FoundationSmokeSteps.check(report.type() == MessageType.ERROR_REPORT
                    && "signature".equals(report.payload().path("errors").get(0).path("field").asText()),
                    "got " + report.type() + " " + report.payload());
            return "refused: " + report.payload().path("errors").get(0).path("reason").asText();
        }
    }

    private static String doubleFinancing(SmokeContext c) throws Exception {
        Participant core = c.directory().withRole(ParticipantRole.CORE_ENTERPRISE).get(0);
        Participant supplier = c.directory().byCode("91350100M000100Y43").orElseThrow();
        Participant bank = c.directory().byCode("91350200123456700W").orElseThrow();
        Participant factor = c.directory().byCode("91310100666677700N").orElseThrow();
        String document = "FP-trust-" + UUID.randomUUID().toString().substring(0, 8);
        FeedBatch batch = new FeedBatch("SMOKE-" + UUID.randomUUID(), core.code(), List.of(new Payable(core.code(),
                supplier.code(), document, new BigDecimal("5000.00"), LocalDate.now(), LocalDate.now().plusMonths(3),
                true, "CNY")), List.of(), List.of(), List.of());
        c.http().post("/api/v1/feed", c.apiKey(core), "application/json", c.json().writeValueAsString(batch));
        try (FunderClient bankClient = c.funder(bank); FunderClient factorClient = c.funder(factor)) {
            // The supplier has chosen both funders, for the time of this step: a funder acts only on the receivables
            // of suppliers that have a financing relationship with it.
            List<FinancingRelationship> relationships = List.of(
                    new FinancingRelationship("REL-trust-" + UUID.randomUUID(), supplier.code(), core.code(),
                            bank.code(), FinancingMode.SINGLE, RelationshipStatus.ACTIVE),
                    new FinancingRelationship("REL-trust-" + UUID.randomUUID(), supplier.code(), core.code(),
                            factor.code(), FinancingMode.SINGLE, RelationshipStatus.ACTIVE));
            List<FinancingRelationship> opened = new java.util.ArrayList<>();
            try {
                for (FinancingRelationship r : relationships) {
                    HttpResponse<String> answer = c.post(supplier, MessageType.FINANCING_RELATIONSHIP, r);
                    // 409: the supplier has an active relationship with that funder already, which will do.
                    FoundationSmokeSteps.check(answer.statusCode() == 202 || answer.statusCode() == 409,
                            "relationship got " + answer.body());
                    if (answer.statusCode() == 202) {
                        opened.add(r);
                    }
                }
                return doubleFinancing(c, supplier, bank, factor, document, bankClient, factorClient);
            } finally {
                for (FinancingRelationship r : opened) {
                    c.post(supplier, MessageType.FINANCING_RELATIONSHIP, new FinancingRelationship(r.relationshipId(),
                            r.supplierCode(), r.coreEnterpriseCode(), r.funderCode(), r.mode(),
                            RelationshipStatus.ENDED));
                }
            }
        }
    }

    private static String doubleFinancing(SmokeContext c, Participant supplier, Participant bank, Participant factor,
                                          String document, FunderClient bankClient, FunderClient factorClient)
            throws Exception {
        String noticeId = "PN-" + UUID.randomUUID();
        bankClient.send(c.signed(notice(c, bank, noticeId, document), bank));
        String confirmation = c.json().writeValueAsString(new Envelope(UUID.randomUUID().toString(), null,
                MessageType.NOTICE_CONFIRMATION, supplier.code(), List.of(), OffsetDateTime.now(),
                c.json().valueToTree(new NoticeConfirmation(noticeId, supplier.code(), true)), null));
        HttpResponse<String> confirmed = awaitConfirmation(c, supplier, confirmation);
        FoundationSmokeSteps.check(confirmed.statusCode() == 202, "confirmation got " + confirmed.body());
        factorClient.send(c.signed(notice(c, factor, "PN-" + UUID.randomUUID(), document), factor));
        Envelope report = factorClient.receive(WAIT).orElseThrow(() -> new AssertionError("no answer"));
        while (report.type() == MessageType.FINANCING_RELATIONSHIP) {
            report = factorClient.receive(WAIT).orElseThrow(() -> new AssertionError("no answer"));
        }
        JsonNode error = report.payload().path("errors").get(0);
        FoundationSmokeSteps.check(report.type() == MessageType.ERROR_REPORT
                && error.path("reason").asText().contains("already financed"), "got " + report.payload());
        while (bankClient.receive(Duration.ofMillis(300)).isPresent()) {
            // the bank's confirmation and registration answers; not what this step checks
        }
        return "second funder refused: " + error.path("reason").asText();
    }

    /** The supplier confirms as soon as the notice has reached the hub. */
    private static HttpResponse<String> awaitConfirmation(SmokeContext c, Participant supplier, String body)
            throws Exception {
        HttpResponse<String> response = c.http().post("/api/v1/messages", c.apiKey(supplier), "application/json", body);
        for (long end = System.nanoTime() + WAIT.toNanos(); response.statusCode() == 422 && System.nanoTime() < end; ) {
            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000);
            response = c.http().post("/api/v1/messages", c.apiKey(supplier), "application/json", body);
        }
        return response;
    }

    private static String ledger(SmokeContext c) throws Exception {
        Participant operator = c.directory().withRole(ParticipantRole.OPERATOR).get(0);
        HttpResponse<String> response = c.http().get("/api/v1/operator/ledger/verify", c.apiKey(operator));
        JsonNode result = c.json().readTree(response.body());
        FoundationSmokeSteps.check(result.path("intact").asBoolean(), "ledger: " + response.body());
        return "ledger intact, " + result.path("entries").asLong() + " entries";
    }

    private static Envelope notice(SmokeContext c, Participant funder, String noticeId, String document) {
        String supplier = "91350100M000100Y43";
        String core = "91350100705432100M";
        PledgeNotice n = new PledgeNotice(noticeId, NoticeKind.PLEDGE, funder.code(), supplier, core,
                List.of(new ReceivableKey(supplier, core, document)), null, new BigDecimal("4000.00"),
                new BankAccount("6222020200998877665", "Repayment account", "Demo Bank"), OffsetDateTime.now());
        return new Envelope(noticeId, noticeId, MessageType.PLEDGE_NOTICE, funder.code(), List.of(),
                OffsetDateTime.now(), c.json().valueToTree(n), null);
    }
}
