package com.receivableshub.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.receivableshub.model.SampleMessages.FUNDER;
import static com.receivableshub.model.SampleMessages.HUB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeTest {

    private static final ObjectMapper JSON = ModelJson.newMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-04-02T01:30:00.123456789Z"),
            ZoneId.of("Asia/Shanghai"));

    @Test
    void ofFillsAFreshIdAndTheTimeInMilliseconds() {
        Envelope envelope = Envelope.of(MessageType.PING, HUB, List.of(FUNDER), new Ping("x"), JSON, CLOCK);

        assertThat(UUID.fromString(envelope.messageId())).isNotNull();
        assertThat(envelope.time()).isEqualTo(OffsetDateTime.parse("2025-04-02T09:30:00.123+08:00"));
        assertThat(envelope.payload().get("text").asText()).isEqualTo("x");
        assertThat(envelope.correlationId()).isNull();
        assertThat(envelope.signature()).isNull();
        assertThat(Envelope.of(MessageType.PING, HUB, List.of(FUNDER), new Ping("x"), JSON).messageId())
                .isNotEqualTo(envelope.messageId());
    }

    @Test
    void ofCopiesTheReceivers() {
        List<String> receivers = new ArrayList<>(List.of(FUNDER));
        Envelope envelope = Envelope.of(MessageType.PING, HUB, receivers, new Ping("x"), JSON, CLOCK);
        receivers.add(HUB);

        assertThat(envelope.receivers()).containsExactly(FUNDER);
    }

    @Test
    void ofRefusesAPayloadOfAnotherType() {
        assertThatThrownBy(() -> Envelope.of(MessageType.PONG, HUB, List.of(FUNDER), new Ping("x"), JSON))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PONG needs a Pong payload, got Ping");
    }

    @Test
    void withersChangeOneFieldOnly() {
        Envelope envelope = Envelope.of(MessageType.PING, HUB, List.of(FUNDER), new Ping("x"), JSON, CLOCK);
        Signature signature = new Signature("SM3withSM2", "MEUCIQD+/w==");

        Envelope signed = envelope.withCorrelationId("c-1").withSignature(signature);

        assertThat(signed.correlationId()).isEqualTo("c-1");
        assertThat(signed.signature()).isEqualTo(signature);
        assertThat(signed.withCorrelationId(null).withSignature(null)).isEqualTo(envelope);
    }
}
