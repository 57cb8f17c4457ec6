package com.receivableshub.smoke;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.HubProperties;
import com.receivableshub.demo.FunderClient;
import com.receivableshub.demo.HubClient;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.SecretResolver;
import com.receivableshub.demo.PartnerSimulator;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.trust.InboundSignatures;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import com.receivableshub.trust.DemoPki;
import com.receivableshub.trust.EnvelopeSigner;
import com.receivableshub.trust.Pki;
import com.receivableshub.trust.SignatureService;
import jakarta.jms.JMSException;
import org.springframework.context.ApplicationContext;

/** What a smoke step needs to act as a participant: the hub's addresses and the participants' credentials. */
public final class SmokeContext {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ApplicationContext context;
    private final String baseUrl;

    public SmokeContext(ApplicationContext context, int httpPort) {
        this.context = context;
        this.baseUrl = "http://127.0.0.1:" + httpPort;
    }

    public HubClient http() {
        return new HubClient(baseUrl);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String brokerUrl() {
        HubProperties.Broker broker = bean(HubProperties.class).broker();
        return "tcp://" + broker.host() + ":" + broker.port();
    }

    public ParticipantDirectory directory() {
        return bean(ParticipantDirectory.class);
    }

    public ObjectMapper json() {
        return bean(ObjectMapper.class);
    }

    public String apiKey(Participant p) {
        return bean(SecretResolver.class).resolve(p.apiKey().orElseThrow(
                () -> new IllegalStateException(p.code() + " has no API key")));
    }

    public FunderClient funder(Participant p) throws JMSException {
        String password = bean(SecretResolver.class).resolve(p.brokerPassword().orElseThrow());
        return new FunderClient(brokerUrl(), p.brokerUser().orElseThrow(), password, p.queue(), json());
    }

    /** The envelope signed with the participant's key from the demo certificate authority. */
    public Envelope signed(Envelope envelope, Participant signer) {
        return EnvelopeSigner.sign(envelope, Pki.load(bean(DemoPki.class).sm2Dir(), signer.code()),
                bean(SignatureService.class));
    }

    /** A participant's message; what must be signed (notices, trades, approvals) is signed with its demo key. */
    public Envelope envelope(Participant sender, MessageType type, Object payload) {
        String id = UUID.randomUUID().toString();
        Envelope e = new Envelope(id, id, type, sender.code(), List.of(), OffsetDateTime.now(),
                json().valueToTree(payload), null);
        return InboundSignatures.SIGNED.contains(type) ? signed(e, sender) : e;
    }

    /** POST /api/v1/messages as the participant. */
    public HttpResponse<String> post(Participant sender, MessageType type, Object payload) throws Exception {
        return http().post("/api/v1/messages", apiKey(sender), "application/json",
                json().writeValueAsString(envelope(sender, type, payload)));
    }

    /** The next message on a funder's queue, which must be of this type. */
    public Envelope next(FunderClient client, MessageType type) throws Exception {
        Envelope e = client.receive(WAIT).orElseThrow(() -> new AssertionError("no " + type + " within " + WAIT));
        FoundationSmokeSteps.check(e.type() == type, "expected " + type + ", got " + e.type() + " " + e.payload());
        return e;
    }

    /** Waits until the simulated partner received a message whose payload has this field value. */
    public void arrived(String path, String field, String value) throws InterruptedException {
        bean(PartnerSimulator.class).await(path, body -> value.equals(body.path("payload").path(field).asText()), WAIT)
                .orElseThrow(() -> new AssertionError(path + " received no " + field + " " + value));
    }

    public static void expect(HttpResponse<String> response, int status) {
        FoundationSmokeSteps.check(response.statusCode() == status, "expected HTTP " + status + ", got "
                + response.statusCode() + " " + response.body());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }
}
