package com.receivableshub.reversefactoring;

import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.PledgeNotice;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.Outgoing;
import com.receivableshub.pipeline.RefusedException;
import com.receivableshub.pipeline.TypedHandler;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Step 9: a funder's signed pledge or transfer notice (质押/转让通知) with its repayment account. The receivables are
 * checked now (the supplier's, confirmed, not financed by anyone else); the supplier is asked to confirm it. Nothing
 * is claimed before the supplier confirms.
 */
@Component
public class PledgeNoticeHandler extends TypedHandler<PledgeNotice> {

    private final ReverseFactoringStore store;
    private final Receivables receivables;

    public PledgeNoticeHandler(ReverseFactoringStore store, Receivables receivables, TypedHandler.Kit kit) {
        super(MessageType.PLEDGE_NOTICE, PledgeNotice.class, Set.of(ParticipantRole.FUNDER), kit);
        this.store = store;
        this.receivables = receivables;
    }

    static String reference(String funder, String noticeId) {
        return funder + ":" + noticeId;
    }

    /**
     * A funder acts on a supplier's receivables only while the supplier has an active financing relationship with it
     * and the core enterprise: otherwise it would learn which receivables exist, are confirmed and are still open.
     */
    static void requireRelationship(ReverseFactoringStore store, String supplier, String core, String funder) {
        if (!store.activeRelationshipExists(supplier, core, funder)) {
            throw new RefusedException(403, "supplierCode", "supplier " + supplier + " has no active financing"
                    + " relationship with funder " + funder + " and " + core
                    + ": a funder acts only on the receivables of suppliers that chose it");
        }
    }

    @Override
    protected List<Outgoing> handle(PledgeNotice n, Envelope envelope, Participant sender) {
        parties.requireSender("funderCode", n.funderCode(), sender);
        Participant supplier = parties.require("supplierCode", n.supplierCode(), ParticipantRole.SUPPLIER);
        parties.require("debtorCode", n.debtorCode(), ParticipantRole.CORE_ENTERPRISE);
        if (n.receivables() == null) {
            throw new RefusedException(422, "receivables", "a notice on a procurement contract is not part of reverse"
                    + " factoring: name the receivables");
        }
        requireRelationship(store, n.supplierCode(), n.debtorCode(), n.funderCode());
        Receivables.Checked checked = receivables.check("receivables", n.receivables(), n.supplierCode(),
                n.debtorCode(), n.funderCode(), reference(n.funderCode(), n.noticeId()));
        if (n.amount().compareTo(checked.open()) > 0) {
            throw new RefusedException(422, "amount", n.amount().toPlainString()
                    + " exceeds what is left of the confirmed amounts, " + checked.open().toPlainString());
        }
        if (!store.addNotice(n, envelope.payload().toString())) {
            throw new RefusedException(409, "noticeId", "'" + n.noticeId() + "' was sent before");
        }
        return List.of(Outgoing.toEndpoint(
                messages.signed(messages.envelope(MessageType.PLEDGE_NOTICE, supplier.code(), envelope.messageId(), n)),
                supplier, "portal", "/pledge-notices"));
    }
}
