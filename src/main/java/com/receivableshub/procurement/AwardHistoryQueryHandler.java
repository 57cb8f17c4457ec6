package com.receivableshub.procurement;

import com.receivableshub.model.AwardHistory;
import com.receivableshub.model.AwardHistoryQuery;
import com.receivableshub.model.AwardNotice;
import com.receivableshub.model.AwardSummary;
import com.receivableshub.model.Contract;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.Outbox;
import com.receivableshub.pipeline.Outgoing;
import com.receivableshub.pipeline.RefusedException;
import com.receivableshub.pipeline.TypedHandler;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Step 3: a funder asks for a supplier's historical awards (summary and detail) to set a credit line. The hub answers
 * from what it holds; when it holds nothing since the asked day, it asks the procurement systems, whose answer goes
 * on to the funder ({@link AwardHistoryHandler}).
 */
@Component
public class AwardHistoryQueryHandler extends TypedHandler<AwardHistoryQuery> {

    private final ProcurementStore store;
    private final ParticipantDirectory directory;
    private final Clock clock;
    private final Outbox outbox;

    public AwardHistoryQueryHandler(ProcurementStore store, ParticipantDirectory directory, Clock clock, Outbox outbox,
                                    TypedHandler.Kit kit) {
        super(MessageType.AWARD_HISTORY_QUERY, AwardHistoryQuery.class, Set.of(ParticipantRole.FUNDER), kit);
        this.store = store;
        this.directory = directory;
        this.clock = clock;
        this.outbox = outbox;
    }

    /** The query id the hub gives the procurement systems, from which their answer finds the funder. */
    static String forwardedId(String funder, String queryId) {
        return funder + ":" + queryId;
    }

    /**
     * The id of the message that asks one procurement system a forwarded query: derived from both, so that an answer
     * can be matched to a question the hub really asked that system.
     */
    static String forwardMessageId(String system, String forwardedQueryId) {
        return UUID.nameUUIDFromBytes(("AWARD_HISTORY_QUERY:" + system + ":" + forwardedQueryId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Envelope withId(String id, Envelope e) {
        return new Envelope(id, e.correlationId(), e.type(), e.sender(), e.receivers(), e.time(), e.payload(),
                e.signature());
    }

    @Override
    protected List<Outgoing> handle(AwardHistoryQuery query, Envelope envelope, Participant sender) {
        parties.requireSender("funderCode", query.funderCode(), sender);
        parties.require("supplierCode", query.supplierCode(), ParticipantRole.SUPPLIER);
        LocalDate from = query.from() != null ? query.from() : LocalDate.now(clock).minusYears(1);
        List<AwardNotice> awards = store.awardsOfSupplier(query.supplierCode(), from);
        if (awards.isEmpty()) {
            AwardHistoryQuery forwarded = new AwardHistoryQuery(forwardedId(sender.code(), query.queryId()),
                    sender.code(), query.supplierCode(), from);
            List<Participant> systems = directory.withRole(ParticipantRole.PROCUREMENT_SYSTEM).stream()
                    .filter(system -> system.endpoint("api").isPresent()).toList();
            if (systems.stream().anyMatch(system -> outbox.holds(forwardMessageId(system.code(), forwarded.queryId()),
                    system.code(), MessageType.AWARD_HISTORY_QUERY.name()))) {
                throw new RefusedException(409, "queryId", "'" + query.queryId() + "' was asked before");
            }
            return systems.stream()
                    .map(system -> Outgoing.toEndpoint(withId(forwardMessageId(system.code(), forwarded.queryId()),
                            messages.envelope(MessageType.AWARD_HISTORY_QUERY, system.code(), envelope.messageId(),
                                    forwarded)), system, "api", "/award-history"))
                    .toList();
        }
        List<Contract> contracts = store.contractsOfSupplier(query.supplierCode(), from);
        BigDecimal total = awards.stream().map(AwardNotice::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        AwardHistory history = new AwardHistory(query.queryId(), query.supplierCode(),
                new AwardSummary(awards.size(), total), awards, contracts);
        return List.of(Outgoing.toQueue(messages.envelope(MessageType.AWARD_HISTORY, sender.code(),
                envelope.messageId(), history), sender));
    }
}
