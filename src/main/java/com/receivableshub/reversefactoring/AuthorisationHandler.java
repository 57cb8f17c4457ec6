package com.receivableshub.reversefactoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.model.Authorisation;
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

/** Step 1: a supplier authorises its core enterprise to share their trade history with one funder; the ERP is told. */
@Component
public class AuthorisationHandler implements MessageHandler {

    private final ReverseFactoringStore store;
    private final Parties parties;
    private final HubMessages messages;
    private final ObjectMapper json;

    public AuthorisationHandler(ReverseFactoringStore store, Parties parties, HubMessages messages, ObjectMapper json) {
        this.store = store;
        this.parties = parties;
        this.messages = messages;
        this.json = json;
    }

    @Override
    public MessageType type() {
        return MessageType.AUTHORISATION;
    }

    @Override
    public Set<ParticipantRole> senders() {
        return Set.of(ParticipantRole.SUPPLIER);
    }

    @Override
    public List<Outgoing> handle(Envelope envelope, Participant sender) {
        Authorisation a = json.convertValue(envelope.payload(), Authorisation.class);
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
