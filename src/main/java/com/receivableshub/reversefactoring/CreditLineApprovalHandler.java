package com.receivableshub.reversefactoring;

import com.receivableshub.model.CreditLineApproval;
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

/** Step 3, answer: the core enterprise approves or rejects a credit line; the funder is told. */
@Component
public class CreditLineApprovalHandler extends TypedHandler<CreditLineApproval> {

    private final ReverseFactoringStore store;

    public CreditLineApprovalHandler(ReverseFactoringStore store, TypedHandler.Kit kit) {
        super(MessageType.CREDIT_LINE_APPROVAL, CreditLineApproval.class, Set.of(ParticipantRole.CORE_ENTERPRISE), kit);
        this.store = store;
    }

    @Override
    protected List<Outgoing> handle(CreditLineApproval a, Envelope envelope, Participant sender) {
        parties.requireSender("coreEnterpriseCode", a.coreEnterpriseCode(), sender);
        String funderCode = store.pendingCreditLineFunder(a.coreEnterpriseCode(), a.creditLineId()).orElseThrow(() ->
                new RefusedException(422, "creditLineId", "no credit line '" + a.creditLineId()
                        + "' awaits the decision of " + a.coreEnterpriseCode()));
        store.decideCreditLine(funderCode, a.creditLineId(), a.approved(), a.reason());
        Participant funder = parties.require("funderCode", funderCode, ParticipantRole.FUNDER);
        return List.of(Outgoing.toQueue(
                messages.envelope(MessageType.CREDIT_LINE_APPROVAL, funderCode, envelope.messageId(), a), funder));
    }
}
