package com.receivableshub.procurement;

import com.receivableshub.model.AccountLockAck;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.Outgoing;
import com.receivableshub.pipeline.RefusedException;
import com.receivableshub.pipeline.TypedHandler;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The treasury's signed answer to a lock or unlock instruction: recorded (an instruction not acknowledged stays
 * visible to operators), and passed to the funder whose trade it was.
 */
@Component
public class AccountLockAckHandler extends TypedHandler<AccountLockAck> {

    private final LockStore locks;

    public AccountLockAckHandler(LockStore locks, TypedHandler.Kit kit) {
        super(MessageType.ACCOUNT_LOCK_ACK, AccountLockAck.class, Set.of(ParticipantRole.TREASURY), kit);
        this.locks = locks;
    }

    @Override
    protected List<Outgoing> handle(AccountLockAck ack, Envelope envelope, Participant sender) {
        var instruction = locks.instruction(ack.instructionId()).orElseThrow(() -> new RefusedException(422,
                "instructionId", "'" + ack.instructionId() + "' is not an instruction the hub sent"));
        if (!locks.answer(ack.instructionId(), ack.accepted(), ack.reason())) {
            return List.of();
        }
        Participant funder = parties.require("instructionId", (String) instruction.get("funder_code"),
                ParticipantRole.FUNDER);
        return List.of(Outgoing.toQueue(messages.envelope(MessageType.ACCOUNT_LOCK_ACK, funder.code(),
                envelope.messageId(), ack), funder));
    }
}
