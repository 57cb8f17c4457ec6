package com.receivableshub.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageTypeTest {

    @Test
    void schemaFilesAreKebabCase() {
        assertThat(MessageType.PLEDGE_NOTICE.schemaFile()).isEqualTo("pledge-notice.schema.json");
        assertThat(MessageType.ACCOUNT_LOCK_ACK.schemaFile()).isEqualTo("account-lock-ack.schema.json");
        assertThat(MessageType.PING.schemaResource()).isEqualTo("contracts/schemas/ping.schema.json");
        assertThat(MessageType.TRADE.schemaId()).isEqualTo("https://receivables-hub/schemas/trade.schema.json");
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void eachPayloadClassLeadsBackToItsType(MessageType type) {
        assertThat(MessageType.forPayload(type.payloadClass())).isSameAs(type);
        assertThat(type.getClass().getClassLoader().getResource(type.schemaResource())).isNotNull();
    }

    @Test
    void everyTypeHasItsOwnPayloadClass() {
        assertThat(Arrays.stream(MessageType.values()).map(MessageType::payloadClass)).doesNotHaveDuplicates();
    }

    @Test
    void aClassThatIsNoPayloadHasNoType() {
        assertThatThrownBy(() -> MessageType.forPayload(BankAccount.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BankAccount");
    }
}
