package com.receivableshub.reversefactoring;

import com.receivableshub.model.Envelope;
import com.receivableshub.model.FinancingRelationship;
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
 * Step 5: a supplier opens (ACTIVE) or ends (ENDED) a financing relationship with a core enterprise and a funder.
 * While it is active, that funder receives the supplier's daily feed from that core enterprise, and no other
 * funder does. The funder is told either way.
 */
@Component
public class FinancingRelationshipHandler extends TypedHandler<FinancingRelationship> {

    private final ReverseFactoringStore store;

    public FinancingRelationshipHandler(ReverseFactoringStore store, TypedHandler.Kit kit) {
        super(MessageType.FINANCING_RELATIONSHIP, FinancingRelationship.class, Set.of(ParticipantRole.SUPPLIER), kit);
        this.store = store;
    }

    @Override
    protected List<Outgoing> handle(FinancingRelationship r, Envelope envelope, Participant sender) {
        parties.requireSender("supplierCode", r.supplierCode(), sender);
        parties.require("coreEnterpriseCode", r.coreEnterpriseCode(), ParticipantRole.CORE_ENTERPRISE);
        Participant funder = parties.require("funderCode", r.funderCode(), ParticipantRole.FUNDER);
        if (r.status() == RelationshipStatus.ACTIVE) {
            if (store.activeRelationshipExists(r.supplierCode(), r.coreEnterpriseCode(), r.funderCode())) {
                throw new RefusedException(409, "relationshipId", "supplier " + r.supplierCode()
                        + " already has an active relationship with " + r.coreEnterpriseCode() + " and "
                        + r.funderCode());
            }
            if (!store.openRelationship(r)) {
                throw new RefusedException(409, "relationshipId", "'" + r.relationshipId() + "' exists already");
            }
        } else {
            FinancingRelationship existing = store.relationship(r.supplierCode(), r.relationshipId()).orElseThrow(() ->
                    new RefusedException(422, "relationshipId", "no relationship '" + r.relationshipId() + "'"));
            if (!existing.funderCode().equals(r.funderCode())
                    || !existing.coreEnterpriseCode().equals(r.coreEnterpriseCode())) {
                throw new RefusedException(422, "relationshipId", "'" + r.relationshipId()
                        + "' is with another core enterprise or funder");
            }
            if (!store.endRelationship(r.supplierCode(), r.relationshipId())) {
                throw new RefusedException(409, "status", "'" + r.relationshipId() + "' has ended already");
            }
        }
        return List.of(Outgoing.toQueue(
                messages.envelope(MessageType.FINANCING_RELATIONSHIP, funder.code(), envelope.messageId(), r), funder));
    }
}
