package com.receivableshub.reversefactoring;

import com.receivableshub.model.Envelope;
import com.receivableshub.model.HistoricalTrades;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.Payable;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.Outgoing;
import com.receivableshub.pipeline.RefusedException;
import com.receivableshub.pipeline.TypedHandler;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Step 2: the ERP sends a supplier's trade history; it goes to the one funder the supplier authorised, and only
 * from the day the authorisation allows.
 */
@Component
public class HistoricalTradesHandler extends TypedHandler<HistoricalTrades> {

    private final ReverseFactoringStore store;
    private final Clock clock;

    public HistoricalTradesHandler(ReverseFactoringStore store, Clock clock, TypedHandler.Kit kit) {
        super(MessageType.HISTORICAL_TRADES, HistoricalTrades.class, Set.of(ParticipantRole.CORE_ENTERPRISE), kit);
        this.store = store;
        this.clock = clock;
    }

    @Override
    protected List<Outgoing> handle(HistoricalTrades h, Envelope envelope, Participant sender) {
        parties.requireSender("coreEnterpriseCode", h.coreEnterpriseCode(), sender);
        Participant funder = parties.require("funderCode", h.funderCode(), ParticipantRole.FUNDER);
        LocalDate from = store.authorisedFrom(h.supplierCode(), h.coreEnterpriseCode(), h.funderCode(),
                LocalDate.now(clock)).orElseThrow(() -> new RefusedException(403, "funderCode", "supplier "
                + h.supplierCode() + " has not authorised sharing its history with funder " + h.funderCode()));
        List<RefusedException.FieldError> errors = new ArrayList<>();
        if (h.from().isBefore(from)) {
            errors.add(new RefusedException.FieldError("from", h.from() + " is before " + from
                    + ", the first day the supplier authorised"));
        }
        for (int i = 0; i < h.payables().size(); i++) {
            Payable p = h.payables().get(i);
            if (!p.creditorCode().equals(h.supplierCode()) || !p.debtorCode().equals(h.coreEnterpriseCode())) {
                errors.add(new RefusedException.FieldError("payables[" + i + "]",
                        "is not between supplier " + h.supplierCode() + " and " + h.coreEnterpriseCode()));
            } else if (p.issueDate().isBefore(from)) {
                errors.add(new RefusedException.FieldError("payables[" + i + "].issueDate",
                        p.issueDate() + " is before " + from + ", the first day the supplier authorised"));
            }
        }
        if (!errors.isEmpty()) {
            throw new RefusedException(422, errors);
        }
        return List.of(Outgoing.toQueue(
                messages.envelope(MessageType.HISTORICAL_TRADES, funder.code(), envelope.messageId(), h), funder));
    }
}
