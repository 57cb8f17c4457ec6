package com.receivableshub.reversefactoring;

import com.receivableshub.model.Envelope;
import com.receivableshub.model.FinancingRelationship;
import com.receivableshub.model.FinancingRequest;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.RelationshipStatus;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.Outgoing;
import com.receivableshub.pipeline.RefusedException;
import com.receivableshub.pipeline.TypedHandler;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Steps 7 and 9: a supplier asks the funder of an active relationship to finance chosen payables (in pool mode this
 * is also how it adds payables to the pool). Payables that are not the supplier's, not confirmed, or already
 * financed are refused with the reason, each by its index.
 */
@Component
public class FinancingRequestHandler extends TypedHandler<FinancingRequest> {

    private final ReverseFactoringStore store;
    private final Receivables receivables;

    public FinancingRequestHandler(ReverseFactoringStore store, Receivables receivables, TypedHandler.Kit kit) {
        super(MessageType.FINANCING_REQUEST, FinancingRequest.class, Set.of(ParticipantRole.SUPPLIER), kit);
        this.store = store;
        this.receivables = receivables;
    }

    @Override
    protected List<Outgoing> handle(FinancingRequest r, Envelope envelope, Participant sender) {
        parties.requireSender("supplierCode", r.supplierCode(), sender);
        FinancingRelationship rel = store.relationship(r.supplierCode(), r.relationshipId())
                .filter(x -> x.status() == RelationshipStatus.ACTIVE)
                .orElseThrow(() -> new RefusedException(422, "relationshipId", "no active relationship '"
                        + r.relationshipId() + "' of " + r.supplierCode()));
        if (!rel.funderCode().equals(r.funderCode())) {
            throw new RefusedException(422, "funderCode", "the funder of relationship '" + r.relationshipId()
                    + "' is " + rel.funderCode());
        }
        Receivables.Checked checked = receivables.check("payables", r.payables(), r.supplierCode(),
                rel.coreEnterpriseCode(), rel.funderCode(), null);
        if (r.amount().compareTo(checked.open()) > 0) {
            throw new RefusedException(422, "amount", r.amount().toPlainString()
                    + " exceeds what is left of the confirmed amounts, " + checked.open().toPlainString());
        }
        if (!store.addFinancingRequest(r.supplierCode(), r.requestId(), r.relationshipId(), r.funderCode(),
                r.amount())) {
            throw new RefusedException(409, "requestId", "'" + r.requestId() + "' was sent before");
        }
        Participant funder = parties.require("funderCode", r.funderCode(), ParticipantRole.FUNDER);
        return List.of(Outgoing.toQueue(
                messages.envelope(MessageType.FINANCING_REQUEST, funder.code(), envelope.messageId(), r), funder));
    }
}
