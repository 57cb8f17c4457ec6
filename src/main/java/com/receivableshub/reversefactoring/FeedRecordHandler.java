package com.receivableshub.reversefactoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.RecordError;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.MessageHandler;
import com.receivableshub.pipeline.Outgoing;
import com.receivableshub.pipeline.RefusedException;
import java.util.List;
import java.util.Set;

/** One record of the daily feed sent as a message of its own; the same rules as a batch or a file. */
public class FeedRecordHandler implements MessageHandler {

    private final MessageType type;
    private final FeedIngest feed;
    private final ObjectMapper json;

    public FeedRecordHandler(MessageType type, FeedIngest feed, ObjectMapper json) {
        this.type = type;
        this.feed = feed;
        this.json = json;
    }

    @Override
    public MessageType type() {
        return type;
    }

    @Override
    public Set<ParticipantRole> senders() {
        return Set.of(ParticipantRole.CORE_ENTERPRISE);
    }

    @Override
    public List<Outgoing> handle(Envelope envelope, Participant sender) {
        Object record = json.convertValue(envelope.payload(), type.payloadClass());
        List<RecordError> errors = feed.check(sender, new FeedIngest.FeedRecord(envelope.messageId(), record));
        if (!errors.isEmpty()) {
            throw new RefusedException(403, errors.stream()
                    .map(e -> new RefusedException.FieldError(e.field(), e.reason())).toList());
        }
        if (!feed.store(record)) {
            return List.of();
        }
        return feed.deliveries(sender, envelope.messageId(), List.of(record));
    }
}
