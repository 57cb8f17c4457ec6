package com.receivableshub.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import java.util.List;
import java.util.Set;

/**
 * A handler of one message type whose payload it reads as its record: the type, who may send it, and the tools
 * every handler uses (who the parties are, the hub's own envelopes).
 *
 * @param <T> the payload record
 */
public abstract class TypedHandler<T> implements MessageHandler {

    /** What every handler works with. */
    public record Kit(Parties parties, HubMessages messages, ObjectMapper json) {
    }

    private final MessageType type;
    private final Class<T> payloadClass;
    private final Set<ParticipantRole> senders;
    private final ObjectMapper json;
    protected final Parties parties;
    protected final HubMessages messages;

    protected TypedHandler(MessageType type, Class<T> payloadClass, Set<ParticipantRole> senders, Kit kit) {
        this.type = type;
        this.payloadClass = payloadClass;
        this.senders = senders;
        this.parties = kit.parties();
        this.messages = kit.messages();
        this.json = kit.json();
    }

    @Override
    public final MessageType type() {
        return type;
    }

    @Override
    public final Set<ParticipantRole> senders() {
        return senders;
    }

    @Override
    public final List<Outgoing> handle(Envelope envelope, Participant sender) {
        return handle(payload(envelope), envelope, sender);
    }

    /** The envelope's payload as this handler's record. */
    protected T payload(Envelope envelope) {
        return json.convertValue(envelope.payload(), payloadClass);
    }

    protected abstract List<Outgoing> handle(T payload, Envelope envelope, Participant sender);

    protected <P> P read(String text, Class<P> type) {
        try {
            return json.readValue(text, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " cannot be read", e);
        }
    }
}
