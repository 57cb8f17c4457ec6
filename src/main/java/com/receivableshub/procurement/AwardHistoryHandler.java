package com.receivableshub.procurement;

import com.receivableshub.model.AwardHistory;
import com.receivableshub.model.AwardNotice;
import com.receivableshub.model.Contract;
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
 * A procurement system's answer to an award-history query the hub forwarded: its awards and contracts are kept, and
 * the history goes to the funder that asked, under the funder's own query id.
 */
@Component
public class AwardHistoryHandler extends TypedHandler<AwardHistory> {

    private final ProcurementStore store;

    public AwardHistoryHandler(ProcurementStore store, TypedHandler.Kit kit) {
        super(MessageType.AWARD_HISTORY, AwardHistory.class, Set.of(ParticipantRole.PROCUREMENT_SYSTEM), kit);
        this.store = store;
    }

    @Override
    protected List<Outgoing> handle(AwardHistory history, Envelope envelope, Participant sender) {
        String[] query = history.queryId().split(":", 2);
        if (query.length != 2) {
            throw new RefusedException(422, "queryId", "'" + history.queryId() + "' is not a query the hub asked");
        }
        Participant funder = parties.require("queryId", query[0], ParticipantRole.FUNDER);
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
}
