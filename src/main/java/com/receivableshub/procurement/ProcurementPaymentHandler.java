package com.receivableshub.procurement;

import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.ProcurementPayment;
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
 * Payment information (付款信息) on a contract: kept, and sent to the funders the supplier applied to for financing on
 * that contract (step 6: they keep receiving it).
 */
@Component
public class ProcurementPaymentHandler extends TypedHandler<ProcurementPayment> {

    private final ProcurementStore store;
    private final ParticipantDirectory directory;

    public ProcurementPaymentHandler(ProcurementStore store, ParticipantDirectory directory, TypedHandler.Kit kit) {
        super(MessageType.PROCUREMENT_PAYMENT, ProcurementPayment.class, Set.of(ParticipantRole.PROCUREMENT_SYSTEM), kit);
        this.store = store;
        this.directory = directory;
    }

    @Override
    protected List<Outgoing> handle(ProcurementPayment payment, Envelope envelope, Participant sender) {
        var contract = store.contract(payment.contractId()).orElseThrow(() -> new RefusedException(422,
                "paymentInfo.contractId", "no contract '" + payment.contractId() + "' is known"));
        Regions.requireOwn(sender, "paymentInfo.contractId", contract.region());
        String publisher = store.source(payment.contractId()).orElse(null);
        if (!sender.code().equals(publisher)) {
            throw new RefusedException(403, "paymentInfo.contractId", "contract '" + payment.contractId()
                    + "' was published by " + publisher + ", not by " + sender.code()
                    + ": a procurement system reports payments only on its own contracts");
        }
        if (!store.addPayment(payment)) {
            return List.of();
        }
        return store.fundersApplyingFor(payment.contractId()).stream()
                .flatMap(code -> directory.byCode(code).stream())
                .map(funder -> Outgoing.toQueue(messages.envelope(MessageType.PROCUREMENT_PAYMENT, funder.code(),
                        envelope.messageId(), payment), funder))
                .toList();
    }
}
