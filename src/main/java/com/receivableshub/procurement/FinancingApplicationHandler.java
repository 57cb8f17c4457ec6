package com.receivableshub.procurement;

import com.receivableshub.model.Contract;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.FinancingApplication;
import com.receivableshub.model.MessageType;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.Outgoing;
import com.receivableshub.pipeline.RefusedException;
import com.receivableshub.pipeline.TypedHandler;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Step 5: a supplier applies to one funder for financing on one of its contracts (融资申请). The funder receives the
 * application, then the contract with its payment plan, its award notice and the payments so far; later payments on
 * the contract keep reaching it ({@link ProcurementPaymentHandler}).
 */
@Component
public class FinancingApplicationHandler extends TypedHandler<FinancingApplication> {

    private final ProcurementStore store;
    private final ParticipantDirectory directory;

    public FinancingApplicationHandler(ProcurementStore store, ParticipantDirectory directory, TypedHandler.Kit kit) {
        super(MessageType.FINANCING_APPLICATION, FinancingApplication.class, Set.of(ParticipantRole.SUPPLIER), kit);
        this.store = store;
        this.directory = directory;
    }

    @Override
    protected List<Outgoing> handle(FinancingApplication a, Envelope envelope, Participant sender) {
        parties.requireSender("supplierCode", a.supplierCode(), sender);
        Participant funder = parties.require("funderCode", a.funderCode(), ParticipantRole.FUNDER);
        Contract contract = Contracts.requireSuppliers(store, a.contractId(), a.supplierCode(), 403);
        if (!directory.fundersOfRegion(contract.region()).contains(funder)) {
            throw new RefusedException(422, "funderCode", a.funderCode() + " does not serve region "
                    + contract.region());
        }
        BigDecimal open = store.openAmount(a.contractId()).orElseThrow();
        if (a.amount().compareTo(open) > 0) {
            throw new RefusedException(422, "amount", a.amount().toPlainString()
                    + " exceeds what is left of the contract, " + open);
        }
        if (!store.addApplication(a.supplierCode(), a.applicationId(), a.funderCode(), a.contractId(), a.amount())) {
            throw new RefusedException(409, "applicationId", "'" + a.applicationId() + "' was sent before");
        }
        String correlation = envelope.messageId();
        List<Outgoing> out = new ArrayList<>();
        out.add(Outgoing.toQueue(messages.envelope(MessageType.FINANCING_APPLICATION, funder.code(), correlation, a),
                funder));
        out.add(Outgoing.toQueue(messages.envelope(MessageType.CONTRACT, funder.code(), correlation, contract), funder));
        String noticeId = a.noticeId() != null ? a.noticeId() : contract.noticeId();
        if (noticeId != null) {
            store.award(noticeId).ifPresent(award -> out.add(Outgoing.toQueue(
                    messages.envelope(MessageType.AWARD_NOTICE, funder.code(), correlation, award), funder)));
        }
        store.payments(a.contractId()).forEach(p -> out.add(Outgoing.toQueue(
                messages.envelope(MessageType.PROCUREMENT_PAYMENT, funder.code(), correlation, p), funder)));
        return out;
    }
}
