package com.receivableshub.reversefactoring;

import com.receivableshub.model.CreditLine;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.Outgoing;
import com.receivableshub.pipeline.RefusedException;
import com.receivableshub.pipeline.TypedHandler;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Step 3: a funder's credit line (授信) for a supplier. With a core enterprise it goes to that ERP for approval;
 * without one (procurement financing) it goes to the supplier.
 */
@Component
public class CreditLineHandler extends TypedHandler<CreditLine> {

    private final ReverseFactoringStore store;

    public CreditLineHandler(ReverseFactoringStore store, TypedHandler.Kit kit) {
        super(MessageType.CREDIT_LINE, CreditLine.class, Set.of(ParticipantRole.FUNDER), kit);
        this.store = store;
    }

    @Override
    protected List<Outgoing> handle(CreditLine c, Envelope envelope, Participant sender) {
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
