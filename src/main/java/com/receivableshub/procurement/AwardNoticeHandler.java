package com.receivableshub.procurement;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.model.AwardNotice;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.HubMessages;
import com.receivableshub.pipeline.MessageHandler;
import com.receivableshub.pipeline.Outgoing;
import com.receivableshub.pipeline.RefusedException;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** An award notice (中标公告) from a procurement system goes to every funder serving its region. */
@Component
public class AwardNoticeHandler implements MessageHandler {

    private final ParticipantDirectory directory;
    private final HubMessages messages;
    private final ObjectMapper json;

    public AwardNoticeHandler(ParticipantDirectory directory, HubMessages messages, ObjectMapper json) {
        this.directory = directory;
        this.messages = messages;
        this.json = json;
    }

    @Override
    public MessageType type() {
        return MessageType.AWARD_NOTICE;
    }

    @Override
    public Set<ParticipantRole> senders() {
        return Set.of(ParticipantRole.PROCUREMENT_SYSTEM);
    }

    @Override
    public List<Outgoing> handle(Envelope envelope, Participant sender) {
        AwardNotice notice = json.convertValue(envelope.payload(), AwardNotice.class);
        if (sender.regions().stream().noneMatch(r -> ParticipantDirectory.covers(r, notice.region()))) {
            throw new RefusedException(403, "awardNotice.region", "'" + notice.region()
                    + "' is not a region of the sending procurement system " + sender.regions());
        }
        return directory.fundersOfRegion(notice.region()).stream()
                .map(funder -> Outgoing.toQueue(
                        messages.envelope(MessageType.AWARD_NOTICE, funder.code(), envelope.messageId(), notice), funder))
                .toList();
    }
}
