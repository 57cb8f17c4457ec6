package com.receivableshub.reversefactoring;

import com.receivableshub.model.Envelope;
import com.receivableshub.model.ErrorReport;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.RecordError;
import com.receivableshub.model.RegistrationResult;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.Outgoing;
import com.receivableshub.pipeline.RefusedException;
import com.receivableshub.pipeline.TypedHandler;
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
public class RegistrationResultHandler extends TypedHandler<RegistrationResult> {

    private final ReverseFactoringStore store;
    private final FinancingGuard guard;

    public RegistrationResultHandler(ReverseFactoringStore store, FinancingGuard guard, TypedHandler.Kit kit) {
        super(MessageType.REGISTRATION_RESULT, RegistrationResult.class, Set.of(ParticipantRole.REGISTRY), kit);
        this.store = store;
        this.guard = guard;
    }

    @Override
    protected List<Outgoing> handle(RegistrationResult r, Envelope envelope, Participant sender) {
        String[] reference = r.registrationRequestId().split(":", 2);
        if (reference.length != 2 || store.notice(reference[0], reference[1])
                .filter(n -> n.status().equals("CONFIRMED")).isEmpty()) {
            throw new RefusedException(422, "registrationRequestId", "'" + r.registrationRequestId()
                    + "' is not a registration the hub asked for and awaits");
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
