package com.receivableshub.reversefactoring;

import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.NoticeConfirmation;
import com.receivableshub.model.PledgeNotice;
import com.receivableshub.model.RegistrationRequest;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.ParticipantRole;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.pipeline.Confirmations;
import com.receivableshub.pipeline.HubMessages;
import com.receivableshub.pipeline.Outgoing;
import com.receivableshub.pipeline.Parties;
import com.receivableshub.pipeline.RefusedException;
import com.receivableshub.pipeline.TypedHandler;
import com.receivableshub.reversefactoring.ReverseFactoringStore.StoredNotice;
import com.receivableshub.trust.FinancingGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Step 9, the supplier's answer to a pledge/transfer notice. Confirmed: the receivables are claimed for the funder (the double-financing guard
 * decides any race), the signed notice goes to the core enterprise's ERP, the pledge or transfer is sent to the
 * registry, and the funder is told. Refused: the funder is told, nothing is claimed.
 */
@Component
public class PledgeNoticeConfirmations implements Confirmations {

    private final ReverseFactoringStore store;
    private final Receivables receivables;
    private final FinancingGuard guard;
    private final ParticipantDirectory directory;

    private final Parties parties;
    private final HubMessages messages;
    private final ObjectMapper json;

    public PledgeNoticeConfirmations(ReverseFactoringStore store, Receivables receivables, FinancingGuard guard,
                                     ParticipantDirectory directory, TypedHandler.Kit kit) {
        this.parties = kit.parties();
        this.messages = kit.messages();
        this.json = kit.json();
        this.store = store;
        this.receivables = receivables;
        this.guard = guard;
        this.directory = directory;
    }

    @Override
    public Optional<List<Outgoing>> answer(NoticeConfirmation c, Envelope envelope, Participant sender) {
        List<StoredNotice> found = store.noticesOfSupplier(c.supplierCode(), c.noticeId());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (found.size() > 1) {
            throw new RefusedException(422, "noticeId", "'" + c.noticeId() + "' names notices of several funders");
        }
        StoredNotice stored = found.get(0);
        PledgeNotice notice = read(stored.payload());
        Participant funder = parties.require("funderCode", stored.funderCode(), ParticipantRole.FUNDER);
        String next = c.confirmed() ? "CONFIRMED" : "REFUSED";
        if (!store.noticeStatus(stored.funderCode(), c.noticeId(), "RECEIVED", next, null)) {
            throw new RefusedException(409, "noticeId", "'" + c.noticeId() + "' was answered before (" + stored.status()
                    + ")");
        }
        List<Outgoing> out = new ArrayList<>();
        out.add(Outgoing.toQueue(messages.envelope(MessageType.NOTICE_CONFIRMATION, funder.code(),
                envelope.messageId(), c), funder));
        if (!c.confirmed()) {
            return Optional.of(out);
        }
        String reference = PledgeNoticeHandler.reference(notice.funderCode(), notice.noticeId());
        Receivables.Checked checked = receivables.check("receivables", notice.receivables(), notice.supplierCode(),
                notice.debtorCode(), notice.funderCode(), reference);
        guard.claim(checked.subjects(), checked.fields(), FinancingGuard.Kind.valueOf(notice.kind().name()),
                notice.funderCode(), reference, notice.amount(), checked.open());

        Participant core = parties.require("debtorCode", notice.debtorCode(), ParticipantRole.CORE_ENTERPRISE);
        out.add(Outgoing.toEndpoint(messages.signed(messages.envelope(MessageType.PLEDGE_NOTICE, core.code(),
                envelope.messageId(), notice)), core, "erp", "/pledge-notices"));
        Participant registry = directory.withRole(ParticipantRole.REGISTRY).stream().findFirst().orElseThrow(() ->
                new IllegalStateException("no registry in adapters/"));
        RegistrationRequest registration = new RegistrationRequest(reference, notice.noticeId(), notice.kind(),
                notice.funderCode(), notice.supplierCode(), notice.debtorCode(), notice.amount(),
                notice.receivables().size() + " receivable(s) of " + notice.supplierCode() + " owed by "
                        + notice.debtorCode());
        out.add(Outgoing.toEndpoint(messages.envelope(MessageType.REGISTRATION_REQUEST, registry.code(),
                envelope.messageId(), registration), registry, "registry", "/registrations"));
        return Optional.of(out);
    }


    private PledgeNotice read(String payload) {
        try {
            return json.readValue(payload, PledgeNotice.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored notice cannot be read", e);
        }
    }
}
