package com.receivableshub.procurement;

import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.NoticeConfirmation;
import com.receivableshub.model.RepaymentAccount;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.pipeline.Confirmations;
import com.receivableshub.pipeline.HubMessages;
import com.receivableshub.pipeline.Outgoing;
import com.receivableshub.pipeline.RefusedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Step 6, the supplier's answer to a repayment account. Confirmed: the procurement system that published the
 * contract is sent the account (signed), over SOAP or REST as its adapter says; the funder is told either way.
 */
@Component
public class RepaymentAccountConfirmations implements Confirmations {

    private final LockStore locks;
    private final ProcurementStore store;
    private final ParticipantDirectory directory;
    private final HubMessages messages;

    public RepaymentAccountConfirmations(LockStore locks, ProcurementStore store, ParticipantDirectory directory,
                                         HubMessages messages) {
        this.locks = locks;
        this.store = store;
        this.directory = directory;
        this.messages = messages;
    }

    @Override
    public Optional<List<Outgoing>> answer(NoticeConfirmation c, Envelope envelope, Participant supplier) {
        List<RepaymentAccount> found = locks.designations(c.supplierCode(), c.noticeId());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (found.size() > 1) {
            throw new RefusedException(422, "noticeId", "'" + c.noticeId() + "' names accounts of several funders");
        }
        RepaymentAccount account = found.get(0);
        if (!locks.answerDesignation(account.funderCode(), account.designationId(), c.confirmed())) {
            throw new RefusedException(409, "noticeId", "'" + c.noticeId() + "' was answered before");
        }
        Participant funder = directory.byCode(account.funderCode()).orElseThrow();
        List<Outgoing> out = new ArrayList<>();
        out.add(Outgoing.toQueue(messages.envelope(MessageType.NOTICE_CONFIRMATION, funder.code(),
                envelope.messageId(), c), funder));
        if (c.confirmed()) {
            Participant system = ContractTrades.publisher(store, directory, account.contractId());
            Envelope signed = messages.signed(messages.envelope(MessageType.REPAYMENT_ACCOUNT, system.code(),
                    envelope.messageId(), account));
            // SOAP or REST, as the procurement system's adapter says.
            out.add(system.endpoint(SoapDelivery.ENDPOINT).isPresent()
                    ? Outgoing.toSoap(signed, system, SoapDelivery.ENDPOINT)
                    : Outgoing.toEndpoint(signed, system, "api", "/repayment-accounts"));
        }
        return Optional.of(out);
    }
}
