package com.receivableshub.procurement;

import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.RepaymentAccount;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.Outgoing;
import com.receivableshub.pipeline.RefusedException;
import com.receivableshub.pipeline.TypedHandler;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Step 6: a funder designates the repayment account (回款账户) of a contract it was asked to finance; the supplier is
 * asked to confirm it (signed, to the supplier portal).
 */
@Component
public class RepaymentAccountHandler extends TypedHandler<RepaymentAccount> {

    private final ProcurementStore store;
    private final LockStore locks;

    public RepaymentAccountHandler(ProcurementStore store, LockStore locks, TypedHandler.Kit kit) {
        super(MessageType.REPAYMENT_ACCOUNT, RepaymentAccount.class, Set.of(ParticipantRole.FUNDER), kit);
        this.store = store;
        this.locks = locks;
    }

    @Override
    protected List<Outgoing> handle(RepaymentAccount r, Envelope envelope, Participant sender) {
        parties.requireSender("funderCode", r.funderCode(), sender);
        Participant supplier = parties.require("supplierCode", r.supplierCode(), ParticipantRole.SUPPLIER);
        Contracts.requireApplied(store, r.contractId(), r.supplierCode(), r.funderCode());
        if (!locks.designate(r)) {
            throw new RefusedException(409, "designationId", "'" + r.designationId() + "' was sent before");
        }
        return List.of(Outgoing.toEndpoint(messages.signed(messages.envelope(MessageType.REPAYMENT_ACCOUNT,
                supplier.code(), envelope.messageId(), r)), supplier, "portal", "/repayment-accounts"));
    }
}
