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

    /**
     * Called once per transaction, before any of them is handled, with the new messages of this type the
     * transaction records (those not already taken), in order. A handler may write here, in one statement, what
     * {@link #handle} would otherwise write message by message, and find the outcome there. Throwing rolls the
     * transaction back; when it held several messages, each is then taken again in a transaction of its own. By
     * default nothing is prepared.
     */
    default void prepare(List<Received> messages) {
    }

    /** A message and its sender, as handed to {@link #prepare}. */
    record Received(Envelope envelope, Participant sender) {
    }
}
