package com.receivableshub.reversefactoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.model.CreditLine;
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

/**
 * Step 3: a funder's credit line (授信) for a supplier. With a core enterprise it goes to that ERP for approval;
 * without one (procurement financing) it goes to the supplier.
 */
@Component
public class CreditLineHandler implements MessageHandler {

    private final ReverseFactoringStore store;
    private final Parties parties;
    private final HubMessages messages;
    private final ObjectMapper json;

    public CreditLineHandler(ReverseFactoringStore store, Parties parties, HubMessages messages, ObjectMapper json) {
        this.store = store;
        this.parties = parties;
        this.messages = messages;
        this.json = json;
    }

    @Override
    public MessageType type() {
        return MessageType.CREDIT_LINE;
    }

    @Override
    public Set<ParticipantRole> senders() {
        return Set.of(ParticipantRole.FUNDER);
    }

    @Override
    public List<Outgoing> handle(Envelope envelope, Participant sender) {
        CreditLine c = json.convertValue(envelope.payload(), CreditLine.class);
        parties.requireSender("funderCode", c.funderCode(), sender);
        Participant supplier = parties.require("supplierCode", c.supplierCode(), ParticipantRole.SUPPLIER);
        Participant receiver = c.coreEnterpriseCode() == null ? supplier
                : parties.require("coreEnterpriseCode", c.coreEnterpriseCode(), ParticipantRole.CORE_ENTERPRISE);
        if (!store.addCreditLine(c)) {
            throw new RefusedException(409, "creditLineId", "'" + c.creditLineId() + "' was sent before");
        }
        Envelope out = messages.envelope(MessageType.CREDIT_LINE, receiver.code(), envelope.messageId(), c);
        return List.of(c.coreEnterpriseCode() == null
                ? Outgoing.toEndpoint(out, receiver, "portal", "/credit-lines")
                : Outgoing.toEndpoint(out, receiver, "erp", "/credit-lines"));
    }
}
