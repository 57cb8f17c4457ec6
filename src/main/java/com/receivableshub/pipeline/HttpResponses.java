package com.receivableshub.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * What an HTTP partner answers to a delivery is a message from it like any other: the registry's registration
 * number, the treasury's acknowledgement. A full envelope is taken as it is (it may be signed); a bare payload is
 * wrapped as the reply type of the request. Its id is derived from the request's, so a repeated delivery cannot
 * record the answer twice.
 */
@Component
public class HttpResponses {

    private static final Logger LOG = LoggerFactory.getLogger(HttpResponses.class);
    private static final Map<MessageType, MessageType> REPLIES = Map.of(
            MessageType.REGISTRATION_REQUEST, MessageType.REGISTRATION_RESULT,
            MessageType.ACCOUNT_LOCK_INSTRUCTION, MessageType.ACCOUNT_LOCK_ACK,
            MessageType.AWARD_HISTORY_QUERY, MessageType.AWARD_HISTORY);

    private final ParticipantDirectory directory;
    private final IntakeService intake;
    private final ObjectMapper json;
    private final Clock clock;

    public HttpResponses(ParticipantDirectory directory, @Lazy IntakeService intake, ObjectMapper json, Clock clock) {
        this.directory = directory;
        this.intake = intake;
        this.json = json;
        this.clock = clock;
    }

    public void accept(OutboxMessage request, byte[] response) {
        MessageType requestType = MessageType.valueOf(request.type());
        MessageType replyType = REPLIES.get(requestType);
        if (replyType == null || response == null || response.length == 0) {
            return;
        }
        Participant partner = directory.byCode(request.receiver()).orElseThrow();
        JsonNode node;
        try {
            node = json.readTree(response);
        } catch (IOException e) {
            throw new IllegalStateException(partner.code() + " answered " + requestType + " " + request.messageId()
                    + " with something that is not JSON: " + e.getMessage(), e);
        }
        Envelope reply;
        if (node.has("messageId") && node.has("type") && node.has("payload")) {
            reply = json.convertValue(node, Envelope.class);
        } else {
            reply = new Envelope("reply-" + request.messageId(), request.messageId(), replyType, partner.code(),
                    List.of(), OffsetDateTime.now(clock), node, null);
        }
        try {
            intake.accept(partner, Channel.HTTP, reply, response);
        } catch (RefusedException e) {
            LOG.error("the answer of {} to {} {} is refused: {}", partner.code(), requestType, request.messageId(),
                    e.getMessage());
        }
    }
}
