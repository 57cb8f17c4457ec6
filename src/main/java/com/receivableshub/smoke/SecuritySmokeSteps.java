package com.receivableshub.smoke;

import static com.receivableshub.smoke.FoundationSmokeSteps.check;

import com.receivableshub.model.Authorisation;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.security.CallerIdentityFilter;
import com.receivableshub.soap.procurement.SubmitAwardNotice;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.Marshaller;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Security: a caller cannot speak in someone else's name (neither by naming another sender nor by forging the
 * caller header), and an XML external entity in a SOAP request is refused without being resolved.
 */
@Component
@Profile("demo")
public class SecuritySmokeSteps implements SmokeSteps {

    @Override
    public int order() {
        return 40;
    }

    @Override
    public List<SmokeStep> steps(SmokeContext c) {
        return List.of(
                new SmokeStep("security.forged-caller-refused", () -> forgedCaller(c)),
                new SmokeStep("security.xxe-refused", () -> xxe(c)));
    }

    private static String forgedCaller(SmokeContext c) throws Exception {
        Participant supplier = c.directory().byCode("91350100M000100Y43").orElseThrow();
        Participant otherSupplier = c.directory().withRole(ParticipantRole.SUPPLIER).stream()
                .filter(p -> !p.code().equals(supplier.code())).findFirst().orElseThrow();
        Participant core = c.directory().withRole(ParticipantRole.CORE_ENTERPRISE).get(0);
        Participant bank = c.directory().withRole(ParticipantRole.FUNDER).get(0);
        Participant operator = c.directory().withRole(ParticipantRole.OPERATOR).get(0);
        LocalDate today = LocalDate.now();
        String id = "AUTH-FORGED-" + UUID.randomUUID().toString().substring(0, 8);
        // The supplier's key, the other supplier's name as sender and in the authorisation.
        Envelope forged = c.envelope(otherSupplier, MessageType.AUTHORISATION, new Authorisation(id,
                otherSupplier.code(), core.code(), bank.code(), today.minusYears(1), today.plusYears(1)));
        HttpResponse<String> asOther = c.http().post("/api/v1/messages", c.apiKey(supplier), "application/json",
                c.json().writeValueAsString(forged));
        check(asOther.statusCode() == 403, "another's name as sender got " + asOther.statusCode() + " " + asOther.body());
        // The supplier's key with a forged caller header naming the operator.
        HttpResponse<String> asOperator = c.http().post("/api/v1/operator/dead-letters/1/replay", c.apiKey(supplier),
                "application/json", "", CallerIdentityFilter.CALLER, operator.code());
        check(asOperator.statusCode() == 403, "a forged " + CallerIdentityFilter.CALLER + " header got "
                + asOperator.statusCode() + " " + asOperator.body());
        check(ledgerEntries(c, forged.messageId()) == 0, "the forged message reached the ledger");
        return "sender " + otherSupplier.code() + " with " + supplier.code() + "'s key: 403; forged "
                + CallerIdentityFilter.CALLER + ": 403; nothing recorded";
    }

    private static String xxe(SmokeContext c) throws Exception {
        Participant procurement = c.directory().withRole(ParticipantRole.PROCUREMENT_SYSTEM).get(0);
        String requestId = "smoke-xxe-" + UUID.randomUUID();
        String plain = soapRequest(requestId, SmokeSamples.awardNotice(procurement, requestId));
        String secret = "/etc/hostname";
        String hostile = "<?xml version=\"1.0\"?>\n<!DOCTYPE e [<!ENTITY xxe SYSTEM \"file://" + secret + "\">]>\n"
                + plain.replaceFirst("<(\\w+:)?title>[^<]*</", "<$1title>&xxe;</");
        check(hostile.contains("&xxe;"), "could not place the entity in the request");
        HttpResponse<String> refused = c.http().post("/services/procurement", c.apiKey(procurement),
                "text/xml; charset=UTF-8", hostile, "SOAPAction", "\"\"");
        check(refused.statusCode() >= 400 && refused.body().contains("Fault"),
                "the request with an external entity got " + refused.statusCode() + " " + refused.body());
        String hostname = java.nio.file.Files.exists(java.nio.file.Path.of(secret))
                ? java.nio.file.Files.readString(java.nio.file.Path.of(secret)).strip() : "";
        check(hostname.isEmpty() || !refused.body().contains(hostname), "the answer shows the file's content");
        check(ledgerEntries(c, requestId) == 0, "the request with an external entity was recorded");
        // The same request without the entity is taken: the refusal was for the DTD, not for the request.
        HttpResponse<String> accepted = c.http().post("/services/procurement", c.apiKey(procurement),
                "text/xml; charset=UTF-8", plain, "SOAPAction", "\"\"");
        check(accepted.statusCode() == 200 && accepted.body().contains("ACCEPTED"),
                "the same request without the entity got " + accepted.statusCode() + " " + accepted.body());
        return "DOCTYPE with an external entity refused (" + refused.statusCode() + " fault, nothing recorded);"
                + " the same request without it accepted";
    }

    private static String soapRequest(String requestId, com.receivableshub.soap.procurement.AwardNotice notice)
            throws Exception {
        SubmitAwardNotice request = SmokeSamples.request(requestId, notice);
        Marshaller marshaller = JAXBContext.newInstance(SubmitAwardNotice.class).createMarshaller();
        marshaller.setProperty(Marshaller.JAXB_FRAGMENT, true);
        StringWriter body = new StringWriter();
        marshaller.marshal(request, body);
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" + body
                + "</soap:Body></soap:Envelope>";
    }

    private static long ledgerEntries(SmokeContext c, String messageId) {
        Long n = c.bean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM ledger WHERE message_id = ?",
                Long.class, messageId);
        return n == null ? 0 : n;
    }
}
