package com.receivableshub.pipeline;

import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import java.util.List;
import java.util.Set;

/**
 * What the hub does with one type of message, inside the intake transaction: update state, and say what to send
 * to whom. Throw {@link RefusedException} to refuse; nothing is then written.
 */
public interface MessageHandler {

    MessageType type();

    /** The roles that may send this type. */
    Set<ParticipantRole> senders();

    List<Outgoing> handle(Envelope envelope, Participant sender);
}
