package com.receivableshub.reversefactoring;

import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.Trade;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.Outgoing;
import com.receivableshub.procurement.ContractTrades;
import com.receivableshub.pipeline.RefusedException;
import com.receivableshub.pipeline.TypedHandler;
import com.receivableshub.trust.FinancingGuard;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Steps 8 and 9: the funder reports a financing trade (成交单) on receivables (a trade on a procurement contract is
 * {@link ContractTrades}'). Under a confirmed notice it continues
 * that notice's claim; on its own (a pool top-up the funder approves) it claims the receivables now. From then on
 * they count as financed. The signed trade goes to the supplier's and the core enterprise's systems.
 */
@Component
public class TradeHandler extends TypedHandler<Trade> {

    private final ReverseFactoringStore store;
    private final Receivables receivables;
    private final FinancingGuard guard;
    private final ContractTrades contractTrades;

    public TradeHandler(ReverseFactoringStore store, Receivables receivables, FinancingGuard guard,
                        ContractTrades contractTrades, TypedHandler.Kit kit) {
        super(MessageType.TRADE, Trade.class, Set.of(ParticipantRole.FUNDER), kit);
        this.store = store;
        this.receivables = receivables;
        this.guard = guard;
        this.contractTrades = contractTrades;
    }

    static String reference(Trade t) {
        return t.noticeId() != null ? PledgeNoticeHandler.reference(t.funderCode(), t.noticeId())
                : t.funderCode() + ":trade:" + t.tradeId();
    }

    @Override
    protected List<Outgoing> handle(Trade t, Envelope envelope, Participant sender) {
        parties.requireSender("funderCode", t.funderCode(), sender);
        Participant supplier = parties.require("supplierCode", t.supplierCode(), ParticipantRole.SUPPLIER);
        if (t.contractId() != null) {
            List<Outgoing> out = contractTrades.trade(t, envelope);
            if (!store.addTrade(t)) {
                throw new RefusedException(409, "tradeId", "'" + t.tradeId() + "' was reported before");
            }
            return out;
        }
        Participant core = parties.require("debtorCode", t.debtorCode(), ParticipantRole.CORE_ENTERPRISE);
        if (t.noticeId() == null) {
            PledgeNoticeHandler.requireRelationship(store, t.supplierCode(), t.debtorCode(), t.funderCode());
        } else {
            String status = store.notice(t.funderCode(), t.noticeId()).map(ReverseFactoringStore.StoredNotice::status)
                    .orElseThrow(() -> new RefusedException(422, "noticeId", "no notice '" + t.noticeId() + "' of "
                            + t.funderCode()));
            if (!status.equals("CONFIRMED") && !status.equals("REGISTERED")) {
                throw new RefusedException(409, "noticeId", "notice '" + t.noticeId() + "' is " + status
                        + ": a trade needs a notice the supplier confirmed");
            }
        }
        String reference = reference(t);
        Receivables.Checked checked = receivables.check("receivables", t.receivables(), t.supplierCode(),
                t.debtorCode(), t.funderCode(), reference);
        guard.claim(checked.subjects(), checked.fields(), FinancingGuard.Kind.TRADE, t.funderCode(), reference,
                t.financedAmount(), checked.open());
        if (!store.addTrade(t)) {
            throw new RefusedException(409, "tradeId", "'" + t.tradeId() + "' was reported before");
        }
        return List.of(
                Outgoing.toEndpoint(messages.signed(messages.envelope(MessageType.TRADE, supplier.code(),
                        envelope.messageId(), t)), supplier, "portal", "/trades"),
                Outgoing.toEndpoint(messages.signed(messages.envelope(MessageType.TRADE, core.code(),
                        envelope.messageId(), t)), core, "erp", "/trades"));
    }
}
