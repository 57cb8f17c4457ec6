package com.receivableshub.procurement;

import com.receivableshub.model.AwardNotice;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.Outgoing;
import com.receivableshub.pipeline.TypedHandler;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

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

    @Override
    protected List<Outgoing> handle(AwardNotice notice, Envelope envelope, Participant sender) {
        Regions.requireOwn(sender, "awardNotice.region", notice.region());
        if (!store.addAward(sender.code(), notice)) {
            return List.of();
        }
        return directory.fundersOfRegion(notice.region()).stream()
                .map(funder -> Outgoing.toQueue(
                        messages.envelope(MessageType.AWARD_NOTICE, funder.code(), envelope.messageId(), notice), funder))
                .toList();
    }
}
