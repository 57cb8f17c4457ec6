package com.receivableshub.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * 报文信封: what every canonical message travels in. The payload stays a JSON tree so the hub can
 * route, log and verify a message before (or without) reading its record; sender and receivers are
 * credit codes; the signature, when present, is over the payload. Receivers may be empty on what a
 * participant sends the hub: the hub decides who receives it.
 */
public record Envelope(
        String messageId,
        @NotRequired String correlationId,
        MessageType type,
        String sender,
        List<String> receivers,
        OffsetDateTime time,
        JsonNode payload,
        @NotRequired Signature signature) {

    /** A new message, with a random id and the current time. */
    public static Envelope of(MessageType type, String sender, List<String> receivers, Object payload,
                              ObjectMapper mapper) {
        return of(type, sender, receivers, payload, mapper, Clock.systemDefaultZone());
    }

    /** As {@link #of(MessageType, String, List, Object, ObjectMapper)} with a given clock, for tests. */
    public static Envelope of(MessageType type, String sender, List<String> receivers, Object payload,
                              ObjectMapper mapper, Clock clock) {
        if (payload == null || type.payloadClass() != payload.getClass()) {
            throw new IllegalArgumentException(type + " needs a " + type.payloadClass().getSimpleName()
                    + " payload, got " + (payload == null ? "null" : payload.getClass().getSimpleName()));
        }
        // milliseconds: partners' parsers and database timestamps do not all keep nanoseconds
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS);
        return new Envelope(UUID.randomUUID().toString(), null, type, sender, List.copyOf(receivers), now,
                mapper.valueToTree(payload), null);
    }

    /** The payload as its type's record; throws when it does not parse. */
    public Record readPayload(ObjectMapper mapper) throws JsonProcessingException {
        return mapper.treeToValue(payload, type.payloadClass());
    }

    public Envelope withCorrelationId(String newCorrelationId) {
        return new Envelope(messageId, newCorrelationId, type, sender, receivers, time, payload, signature);
    }

    public Envelope withSignature(Signature newSignature) {
        return new Envelope(messageId, correlationId, type, sender, receivers, time, payload, newSignature);
    }
}
