package com.receivableshub.procurement;

import com.receivableshub.model.AccountLockAck;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.Outgoing;
import com.receivableshub.pipeline.RefusedException;
import com.receivableshub.pipeline.TypedHandler;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The treasury's signed answer to a lock or unlock instruction: recorded (an instruction not acknowledged stays
 * visible to operators), and passed to the funder whose trade it was. Only the treasury the instruction was sent to
 * (the one paying the contract's region) may answer it.
 */
@Component
public class AccountLockAckHandler extends TypedHandler<AccountLockAck> {

    private final LockStore locks;
    private final ProcurementStore store;
    private final ParticipantDirectory directory;

    public AccountLockAckHandler(LockStore locks, ProcurementStore store, ParticipantDirectory directory,
                                 TypedHandler.Kit kit) {
        super(MessageType.ACCOUNT_LOCK_ACK, AccountLockAck.class, Set.of(ParticipantRole.TREASURY), kit);
        this.locks = locks;
        this.store = store;
        this.directory = directory;
    }

    @Override
    protected List<Outgoing> handle(AccountLockAck ack, Envelope envelope, Participant sender) {
        var instruction = locks.instruction(ack.instructionId()).orElseThrow(() -> new RefusedException(422,
                "instructionId", "'" + ack.instructionId() + "' is not an instruction the hub sent"));
        String treasury = store.contract((String) instruction.get("contract_id"))
                .flatMap(contract -> ContractTrades.treasuryOf(directory, contract)).map(Participant::code)
                .orElse(null);
        if (!sender.code().equals(treasury)) {
            throw new RefusedException(403, "instructionId", "'" + ack.instructionId() + "' was sent to treasury "
                    + treasury + ", not to " + sender.code() + ": a treasury acknowledges only its own instructions");
        }
        if (!locks.answer(ack.instructionId(), ack.accepted(), ack.reason())) {
            return List.of();
        }
        Participant funder = parties.require("instructionId", (String) instruction.get("funder_code"),
                ParticipantRole.FUNDER);
        return List.of(Outgoing.toQueue(messages.envelope(MessageType.ACCOUNT_LOCK_ACK, funder.code(),
                envelope.messageId(), ack), funder));
    }
}
