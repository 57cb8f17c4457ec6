package com.receivableshub.foundation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.Ping;
import com.receivableshub.model.Pong;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.HubMessages;
import com.receivableshub.pipeline.MessageHandler;
import com.receivableshub.pipeline.Outgoing;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A participant checks its connection end to end: the PING is recorded like any message, and a funder gets the PONG
 * on its own queue, through the outbox and the relay like every delivery.
 */
@Component
public class PingHandler implements MessageHandler {

    private final HubMessages messages;
    private final ObjectMapper json;

    public PingHandler(HubMessages messages, ObjectMapper json) {
        this.messages = messages;
        this.json = json;
    }

    @Override
    public MessageType type() {
        return MessageType.PING;
    }

    @Override
    public Set<ParticipantRole> senders() {
        return EnumSet.allOf(ParticipantRole.class);
    }

    @Override
    public List<Outgoing> handle(Envelope envelope, Participant sender) {
        if (!sender.has(ParticipantRole.FUNDER)) {
            return List.of();
        }
        Ping ping = json.convertValue(envelope.payload(), Ping.class);
        Envelope pong = messages.envelope(MessageType.PONG, sender.code(), envelope.messageId(),
                new Pong(ping.text(), envelope.messageId()));
        return List.of(Outgoing.toQueue(pong, sender));
    }
}
