package com.receivableshub.procurement;

import com.receivableshub.model.AwardNotice;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.Outgoing;
import com.receivableshub.pipeline.TypedHandler;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Step 1: an award notice (中标公告) a procurement system published, pushed or pulled. It is kept (for funders that
 * join later, and for credit-line history) and goes to every funder serving its region; the same notice again goes
 * nowhere.
 */
@Component
public class AwardNoticeHandler extends TypedHandler<AwardNotice> {

    private final ProcurementStore store;
    private final ParticipantDirectory directory;

    public AwardNoticeHandler(ProcurementStore store, ParticipantDirectory directory, TypedHandler.Kit kit) {
        super(MessageType.AWARD_NOTICE, AwardNotice.class, Set.of(ParticipantRole.PROCUREMENT_SYSTEM), kit);
        this.store = store;
        this.directory = directory;
    }

    /** The awards of a transaction's new messages go in with one batch; {@link #handle} finds whether each was new. */
    @Override
    public void prepare(List<Received> messages) {
        if (messages.size() < 2) {
            return;
        }
        List<String> sources = new ArrayList<>(messages.size());
        List<AwardNotice> notices = new ArrayList<>(messages.size());
        for (Received m : messages) {
            AwardNotice notice = payload(m.envelope());
            Regions.requireOwn(m.sender(), "awardNotice.region", notice.region());
            sources.add(m.sender().code());
            notices.add(notice);
        }
        boolean[] added = store.addAwards(sources, notices);
        Map<Envelope, Boolean> prepared = prepared();
        for (int i = 0; i < added.length; i++) {
            prepared.put(messages.get(i).envelope(), added[i]);
        }
    }

    @Override
    protected List<Outgoing> handle(AwardNotice notice, Envelope envelope, Participant sender) {
        Regions.requireOwn(sender, "awardNotice.region", notice.region());
        Boolean prepared = TransactionSynchronizationManager.getResource(this) instanceof Map<?, ?> map
                ? (Boolean) map.remove(envelope) : null;
        boolean added = prepared != null ? prepared : store.addAward(sender.code(), notice);
        if (!added) {
            return List.of();
        }
        return directory.fundersOfRegion(notice.region()).stream()
                .map(funder -> Outgoing.toQueue(
                        messages.envelope(MessageType.AWARD_NOTICE, funder.code(), envelope.messageId(), notice), funder))
                .toList();
    }

    /** Whether each prepared message's award was new, for the rest of the transaction (by the envelope itself). */
    @SuppressWarnings("unchecked")
    private Map<Envelope, Boolean> prepared() {
        if (TransactionSynchronizationManager.getResource(this) instanceof Map<?, ?> map) {
            return (Map<Envelope, Boolean>) map;
        }
        Map<Envelope, Boolean> map = new IdentityHashMap<>();
        TransactionSynchronizationManager.bindResource(this, map);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(AwardNoticeHandler.this);
            }
        });
        return map;
    }
}
