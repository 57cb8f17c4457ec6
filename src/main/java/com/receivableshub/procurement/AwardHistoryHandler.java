package com.receivableshub.procurement;

import com.receivableshub.model.AwardHistory;
import com.receivableshub.model.AwardNotice;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A procurement system's answer to an award-history query the hub forwarded: its awards and contracts are kept, and
 * the history goes to the funder that asked, under the funder's own query id. Only a query the hub asked this system
 * can be answered, and only with awards and contracts of its own regions and of the supplier asked about.
 */
@Component
public class AwardHistoryHandler extends TypedHandler<AwardHistory> {

    private final ProcurementStore store;
    private final Outbox outbox;

    public AwardHistoryHandler(ProcurementStore store, Outbox outbox, TypedHandler.Kit kit) {
        super(MessageType.AWARD_HISTORY, AwardHistory.class, Set.of(ParticipantRole.PROCUREMENT_SYSTEM), kit);
        this.store = store;
        this.outbox = outbox;
    }

    @Override
    protected List<Outgoing> handle(AwardHistory history, Envelope envelope, Participant sender) {
        String[] query = history.queryId().split(":", 2);
        if (query.length != 2) {
            throw new RefusedException(422, "queryId", "'" + history.queryId() + "' is not a query the hub asked");
        }
        if (!outbox.holds(AwardHistoryQueryHandler.forwardMessageId(sender.code(), history.queryId()), sender.code(),
                MessageType.AWARD_HISTORY_QUERY.name())) {
            throw new RefusedException(403, "queryId", "'" + history.queryId() + "' is not a query the hub asked "
                    + sender.code() + ": an award history goes only to the funder that asked for it");
        }
        Participant funder = parties.require("queryId", query[0], ParticipantRole.FUNDER);
        List<RefusedException.FieldError> foreign = new ArrayList<>();
        for (int i = 0; i < history.awards().size(); i++) {
            AwardNotice award = history.awards().get(i);
            own(sender, "awards[" + i + "]", award.region(), award.supplierCode(), history.supplierCode(), foreign);
        }
        for (int i = 0; i < history.contracts().size(); i++) {
            Contract contract = history.contracts().get(i);
            own(sender, "contracts[" + i + "]", contract.region(), contract.supplierCode(), history.supplierCode(),
                    foreign);
        }
        if (!foreign.isEmpty()) {
            throw new RefusedException(403, foreign);
        }
        for (AwardNotice award : history.awards()) {
            store.addAward(sender.code(), award);
        }
        for (Contract contract : history.contracts()) {
            store.addContract(sender.code(), contract);
        }
        AwardHistory answer = new AwardHistory(query[1], history.supplierCode(), history.summary(), history.awards(),
                history.contracts());
        return List.of(Outgoing.toQueue(messages.envelope(MessageType.AWARD_HISTORY, funder.code(),
                envelope.messageId(), answer), funder));
    }

    /** An answer speaks only of the sender's regions and of the supplier asked about. */
    private static void own(Participant system, String field, String region, String supplier, String asked,
                            List<RefusedException.FieldError> errors) {
        if (system.regions().stream().noneMatch(r -> ParticipantDirectory.covers(r, region))) {
            errors.add(new RefusedException.FieldError(field + ".region", "'" + region
                    + "' is not a region of the sending procurement system " + system.regions()));
        }
        if (!asked.equals(supplier)) {
            errors.add(new RefusedException.FieldError(field + ".supplierCode", "'" + supplier
                    + "' is not the supplier asked about, " + asked));
        }
    }
}
