package com.receivableshub.procurement;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * A procurement document that every funder serving its region receives: an award notice (中标公告) or a contract
 * (采购合同). A procurement system may only publish for its own regions.
 */
public class RegionDeliveryHandler implements MessageHandler {

    private final MessageType type;
    private final String field;
    private final ParticipantDirectory directory;
    private final HubMessages messages;

    public RegionDeliveryHandler(MessageType type, String field, ParticipantDirectory directory, HubMessages messages) {
        this.type = type;
        this.field = field;
        this.directory = directory;
        this.messages = messages;
    }

    @Override
    public MessageType type() {
        return type;
    }

    @Override
    public Set<ParticipantRole> senders() {
        return Set.of(ParticipantRole.PROCUREMENT_SYSTEM);
    }

    @Override
    public List<Outgoing> handle(Envelope envelope, Participant sender) {
        JsonNode document = envelope.payload();
        String region = document.path("region").asText();
        if (sender.regions().stream().noneMatch(r -> ParticipantDirectory.covers(r, region))) {
            throw new RefusedException(403, field + ".region", "'" + region
                    + "' is not a region of the sending procurement system " + sender.regions());
        }
        return directory.fundersOfRegion(region).stream()
                .map(funder -> Outgoing.toQueue(
                        messages.envelope(type, funder.code(), envelope.messageId(), document), funder))
                .toList();
    }
}
