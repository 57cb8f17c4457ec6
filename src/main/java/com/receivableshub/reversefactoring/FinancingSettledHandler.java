package com.receivableshub.reversefactoring;

import com.receivableshub.model.Envelope;
import com.receivableshub.model.FinancingSettled;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.Trade;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.Outgoing;
import com.receivableshub.pipeline.RefusedException;
import com.receivableshub.pipeline.TypedHandler;
import com.receivableshub.procurement.ContractTrades;
import com.receivableshub.trust.FinancingGuard;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The funder reports a financing settled: its claim ends, so the receivables or the contract may be financed again;
 * for a procurement contract the treasury is told to unlock the collection account.
 */
@Component
public class FinancingSettledHandler extends TypedHandler<FinancingSettled> {

    private final ReverseFactoringStore store;
    private final FinancingGuard guard;
    private final ContractTrades contractTrades;

    public FinancingSettledHandler(ReverseFactoringStore store, FinancingGuard guard, ContractTrades contractTrades,
                                   TypedHandler.Kit kit) {
        super(MessageType.FINANCING_SETTLED, FinancingSettled.class, Set.of(ParticipantRole.FUNDER), kit);
        this.store = store;
        this.guard = guard;
        this.contractTrades = contractTrades;
    }

    @Override
    protected List<Outgoing> handle(FinancingSettled settled, Envelope envelope, Participant sender) {
        Trade trade = store.trade(sender.code(), settled.tradeId()).orElseThrow(() -> new RefusedException(422,
                "tradeId", "no trade '" + settled.tradeId() + "' of " + sender.code()));
        if (!store.settleTrade(sender.code(), settled.tradeId())) {
            throw new RefusedException(409, "tradeId", "'" + settled.tradeId() + "' is settled already");
        }
        if (trade.contractId() != null) {
            return contractTrades.settle(trade, envelope);
        }
        guard.release(TradeHandler.reference(trade));
        return List.of();
    }
}
