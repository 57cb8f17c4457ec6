package com.receivableshub.reversefactoring;

import com.receivableshub.model.Authorisation;
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

/** Step 1: a supplier authorises its core enterprise to share their trade history with one funder; the ERP is told. */
@Component
public class AuthorisationHandler extends TypedHandler<Authorisation> {

    private final ReverseFactoringStore store;

    public AuthorisationHandler(ReverseFactoringStore store, TypedHandler.Kit kit) {
        super(MessageType.AUTHORISATION, Authorisation.class, Set.of(ParticipantRole.SUPPLIER), kit);
        this.store = store;
    }

    @Override
    protected List<Outgoing> handle(Authorisation a, Envelope envelope, Participant sender) {
        parties.requireSender("supplierCode", a.supplierCode(), sender);
        Participant core = parties.require("coreEnterpriseCode", a.coreEnterpriseCode(), ParticipantRole.CORE_ENTERPRISE);
        parties.require("funderCode", a.funderCode(), ParticipantRole.FUNDER);
        if (!store.addAuthorisation(a)) {
            throw new RefusedException(409, "authorisationId", "'" + a.authorisationId() + "' was sent before");
        }
        return List.of(Outgoing.toEndpoint(
                messages.envelope(MessageType.AUTHORISATION, core.code(), envelope.messageId(), a), core, "erp",
                "/authorisations"));
    }
}
