package com.receivableshub.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.HubProperties;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.SignatureAlgorithm;
import com.receivableshub.trust.EnvelopeSigner;
import com.receivableshub.trust.HubKeys;
import com.receivableshub.trust.SignatureService;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Builds the envelopes the hub itself sends, with the platform as sender. */
@Component
public class HubMessages {

    private final HubProperties hub;
    private final ObjectMapper json;
    private final Clock clock;
    private final SignatureService signatures;
    private final HubKeys keys;
    private final ParticipantDirectory directory;

    public HubMessages(HubProperties hub, ObjectMapper json, Clock clock, SignatureService signatures, HubKeys keys,
                       ParticipantDirectory directory) {
        this.hub = hub;
        this.json = json;
        this.clock = clock;
        this.signatures = signatures;
        this.keys = keys;
        this.directory = directory;
    }

    public Envelope envelope(MessageType type, String receiver, String correlationId, Object payload) {
        return new Envelope(UUID.randomUUID().toString(), correlationId, type, hub.code(), List.of(receiver),
                OffsetDateTime.now(clock), json.valueToTree(payload), null);
    }

    /**
     * As {@link #envelope}, with the payload kept as the object it is and serialised only when the message is written
     * (the same JSON): for a large batch nobody reads as a tree, which would otherwise be built and then written
     * again. Its payload is not walked for subjects, so the sender indexes it ({@code Outgoing.indexedBy}).
     */
    public Envelope envelopeToWrite(MessageType type, String receiver, String correlationId, Object payload) {
        return new Envelope(UUID.randomUUID().toString(), correlationId, type, hub.code(), List.of(receiver),
                OffsetDateTime.now(clock), json.getNodeFactory().pojoNode(payload), null);
    }

    /**
     * The envelope signed with the hub's key, for what must reach its receiver signed (notices, trades, repayment
     * accounts, account-lock instructions): detached CMS over the payload's canonical bytes, in the algorithm the
     * receiver's adapter asks for.
     */
    public Envelope signed(Envelope envelope) {
        SignatureAlgorithm algorithm = envelope.receivers().size() == 1
                ? directory.byCode(envelope.receivers().get(0)).map(Participant::signature).orElse(SignatureAlgorithm.SM2)
                : SignatureAlgorithm.SM2;
        return EnvelopeSigner.sign(envelope, keys.forAlgorithm(algorithm), signatures);
    }

    public String hubCode() {
        return hub.code();
    }
}
