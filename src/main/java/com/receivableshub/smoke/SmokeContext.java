package com.receivableshub.smoke;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.HubProperties;
import com.receivableshub.demo.FunderClient;
import com.receivableshub.demo.HubClient;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.SecretResolver;
import com.receivableshub.model.Envelope;
import com.receivableshub.trust.DemoPki;
import com.receivableshub.trust.EnvelopeSigner;
import com.receivableshub.trust.Pki;
import com.receivableshub.trust.SignatureService;
import jakarta.jms.JMSException;
import org.springframework.context.ApplicationContext;

/** What a smoke step needs to act as a participant: the hub's addresses and the participants' credentials. */
public final class SmokeContext {

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

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }
}
