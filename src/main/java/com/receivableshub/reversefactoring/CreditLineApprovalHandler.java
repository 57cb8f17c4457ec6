package com.receivableshub.reversefactoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.model.CreditLineApproval;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.HubMessages;
import com.receivableshub.pipeline.MessageHandler;
import com.receivableshub.pipeline.Outgoing;
import com.receivableshub.pipeline.RefusedException;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Step 3, answer: the core enterprise approves or rejects a credit line; the funder is told. */
@Component
public class CreditLineApprovalHandler implements MessageHandler {

    private final ReverseFactoringStore store;
    private final Parties parties;
    private final HubMessages messages;
    private final ObjectMapper json;

    public CreditLineApprovalHandler(ReverseFactoringStore store, Parties parties, HubMessages messages,
                                     ObjectMapper json) {
        this.store = store;
        this.parties = parties;
        this.messages = messages;
        this.json = json;
    }

    @Override
    public MessageType type() {
        return MessageType.CREDIT_LINE_APPROVAL;
    }

    @Override
    public Set<ParticipantRole> senders() {
        return Set.of(ParticipantRole.CORE_ENTERPRISE);
    }

    @Override
    public List<Outgoing> handle(Envelope envelope, Participant sender) {
        CreditLineApproval a = json.convertValue(envelope.payload(), CreditLineApproval.class);
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
