package com.receivableshub.foundation;

import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.Ping;
import com.receivableshub.model.Pong;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.Outgoing;
import com.receivableshub.pipeline.TypedHandler;
import java.util.EnumSet;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A participant checks its connection end to end: the PING is recorded like any message, and a funder gets the PONG
 * on its own queue, through the outbox and the relay like every delivery.
 */
@Component
public class PingHandler extends TypedHandler<Ping> {

    public PingHandler(TypedHandler.Kit kit) {
        super(MessageType.PING, Ping.class, EnumSet.allOf(ParticipantRole.class), kit);
    }

    @Override
    protected List<Outgoing> handle(Ping ping, Envelope envelope, Participant sender) {
        if (!sender.has(ParticipantRole.FUNDER)) {
            return List.of();
        }
        Envelope pong = messages.envelope(MessageType.PONG, sender.code(), envelope.messageId(),
                new Pong(ping.text(), envelope.messageId()));
        return List.of(Outgoing.toQueue(pong, sender));
    }
}
