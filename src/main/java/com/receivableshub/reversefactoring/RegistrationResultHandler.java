package com.receivableshub.reversefactoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.ErrorReport;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.RecordError;
import com.receivableshub.model.RegistrationResult;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.HubMessages;
import com.receivableshub.pipeline.MessageHandler;
import com.receivableshub.pipeline.Outgoing;
import com.receivableshub.pipeline.RefusedException;
import com.receivableshub.trust.FinancingGuard;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The registry's answer to a registration. Registered: the number is kept with the claim and sent to the funder.
 * When the registry already holds someone else's registration on the receivables, the claim is released and the
 * funder gets an error report naming those registrations.
 */
@Component
public class RegistrationResultHandler implements MessageHandler {

    private final ReverseFactoringStore store;
    private final FinancingGuard guard;
    private final Parties parties;
    private final HubMessages messages;
    private final ObjectMapper json;

    public RegistrationResultHandler(ReverseFactoringStore store, FinancingGuard guard, Parties parties,
                                     HubMessages messages, ObjectMapper json) {
        this.store = store;
        this.guard = guard;
        this.parties = parties;
        this.messages = messages;
        this.json = json;
    }

    @Override
    public MessageType type() {
        return MessageType.REGISTRATION_RESULT;
    }

    @Override
    public Set<ParticipantRole> senders() {
        return Set.of(ParticipantRole.REGISTRY);
    }

    @Override
    public List<Outgoing> handle(Envelope envelope, Participant sender) {
        RegistrationResult r = json.convertValue(envelope.payload(), RegistrationResult.class);
        String[] reference = r.registrationRequestId().split(":", 2);
        if (reference.length != 2 || store.notice(reference[0], reference[1]).isEmpty()) {
            throw new RefusedException(422, "registrationRequestId", "'" + r.registrationRequestId()
                    + "' is not a registration the hub asked for");
        }
        Participant funder = parties.require("funderCode", reference[0], ParticipantRole.FUNDER);
        try {
            guard.refuseForeignRegistrations("existingRegistrations", r.existingRegistrations(), r.registrationNumber());
        } catch (RefusedException refused) {
            guard.release(r.registrationRequestId());
            store.noticeStatus(reference[0], reference[1], "CONFIRMED", "REFUSED", null);
            ErrorReport report = new ErrorReport(reference[1], refused.errors().stream()
                    .map(e -> new RecordError(reference[1], e.field(), e.reason())).toList());
            return List.of(Outgoing.toQueue(messages.envelope(MessageType.ERROR_REPORT, funder.code(),
                    envelope.messageId(), report), funder));
        }
        guard.registered(r.registrationRequestId(), r.registrationNumber());
        store.noticeStatus(reference[0], reference[1], "CONFIRMED", "REGISTERED", r.registrationNumber());
        return List.of(Outgoing.toQueue(messages.envelope(MessageType.REGISTRATION_RESULT, funder.code(),
                envelope.messageId(), r), funder));
    }
}
