package com.receivableshub.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import static com.receivableshub.model.SampleMessages.CORE_ENTERPRISE;
import static com.receivableshub.model.SampleMessages.FUNDER;
import static com.receivableshub.model.SampleMessages.HUB;
import static com.receivableshub.model.SampleMessages.SUPPLIER;
import static com.receivableshub.model.SampleMessages.date;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelJsonTest {

    private static final ObjectMapper JSON = ModelJson.newMapper();
    private static final String PAYMENT_JSON = """
            {"paymentId":"P-1","creditorCode":"%s","debtorCode":"%s","documentNumber":"FP-1",\
            "amount":%%s,"paidDate":"2025-04-15"}""".formatted(SUPPLIER, CORE_ENTERPRISE);

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void everySampleSurvivesARoundTrip(MessageType type) throws JsonProcessingException {
        Record sample = SampleMessages.sample(type);

        assertThat(JSON.readValue(JSON.writeValueAsString(sample), sample.getClass())).isEqualTo(sample);
    }

    @ParameterizedTest
    @MethodSource("com.receivableshub.model.SampleMessages#variants")
    void everyVariantSurvivesARoundTrip(Record variant) throws JsonProcessingException {
        assertThat(JSON.readValue(JSON.writeValueAsString(variant), variant.getClass())).isEqualTo(variant);
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void everyEnvelopeSurvivesARoundTrip(MessageType type) throws JsonProcessingException {
        Record sample = SampleMessages.sample(type);
        Envelope envelope = Envelope.of(type, HUB, List.of(FUNDER), sample, JSON)
                .withSignature(new Signature("SM3withSM2", "MEUCIQD+/w=="));

        Envelope read = JSON.readValue(JSON.writeValueAsString(envelope), Envelope.class);

        assertThat(read).isEqualTo(envelope);
        assertThat(read.readPayload(JSON)).isEqualTo(sample);
    }

    @Test
    void amountsAreWrittenAsPlainNumbersWithTwoDecimals() throws JsonProcessingException {
        Payment payment = new Payment("P-1", SUPPLIER, CORE_ENTERPRISE, "FP-1", new BigDecimal("1E+3"),
                date("2025-04-15"));

        assertThat(JSON.writeValueAsString(payment)).isEqualTo(PAYMENT_JSON.formatted("1000.00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.3", "12.30", "1230E-2"})
    void amountsAreReadExactlyAndPaddedToTwoDecimals(String amount) throws JsonProcessingException {
        Payment payment = JSON.readValue(PAYMENT_JSON.formatted(amount), Payment.class);

        assertThat(payment.amount()).isEqualTo(new BigDecimal("12.30"));
    }

    @Test
    void moreThanTwoDecimalsAreKeptForTheValidatorToRefuse() throws JsonProcessingException {
        Payment payment = JSON.readValue(PAYMENT_JSON.formatted("0.1000000000000000055511151231257827"),
                Payment.class);

        assertThat(payment.amount()).isEqualTo(new BigDecimal("0.1000000000000000055511151231257827"));
        assertThat(ModelValidator.validate(payment)).extracting(Violation::field).containsExactly("amount");
    }

    @Test
    void nullsAreNotWrittenAndDatesAreIsoStrings() throws JsonProcessingException {
        CreditLine line = new CreditLine("CL-1", FUNDER, SUPPLIER, null, new BigDecimal("10.00"),
                date("2025-05-01"), date("2026-04-30"));

        assertThat(JSON.writeValueAsString(line)).isEqualTo("{\"creditLineId\":\"CL-1\",\"funderCode\":\"" + FUNDER
                + "\",\"supplierCode\":\"" + SUPPLIER + "\",\"amount\":10.00,\"validFrom\":\"2025-05-01\","
                + "\"validUntil\":\"2026-04-30\"}");
    }

    @Test
    void theSendersOffsetIsKept() throws JsonProcessingException {
        String json = JSON.writeValueAsString(SampleMessages.sample(MessageType.PLEDGE_NOTICE));
        PledgeNotice read = JSON.readValue(json, PledgeNotice.class);

        assertThat(json).contains("\"signedAt\":\"2025-04-02T09:30:00+08:00\"");
        assertThat(read.signedAt()).isEqualTo(OffsetDateTime.parse("2025-04-02T09:30:00+08:00"));
    }

    @Test
    void derivedValuesAreNotWritten() throws JsonProcessingException {
        assertThat(JSON.writeValueAsString(SampleMessages.sample(MessageType.PAYABLE)))
                .doesNotContain("\"key\"").doesNotContain("crossFieldViolations");
    }

    @Test
    void unknownFieldsAreErrors() {
        assertThatThrownBy(() -> JSON.readValue("{\"text\":\"x\",\"extra\":1}", Ping.class))
                .hasMessageContaining("Unrecognized field \"extra\"");
    }

    @Test
    void duplicateKeysAreErrors() {
        assertThatThrownBy(() -> JSON.readValue("{\"text\":\"x\",\"text\":\"y\"}", Ping.class))
                .hasMessageContaining("Duplicate field 'text'");
        assertThatThrownBy(() -> JSON.readTree("{\"text\":\"x\",\"text\":\"y\"}"))
                .hasMessageContaining("Duplicate field 'text'");
    }

    @Test
    void trailingContentIsAnError() {
        assertThatThrownBy(() -> JSON.readValue("{\"text\":\"x\"} {}", Ping.class))
                .hasMessageContaining("Trailing token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"transfer\"", "\"Transfer\"", "1", "\"LEASE\""})
    void enumsAreStrict(String kind) {
        String json = "{\"registrationRequestId\":\"RR-1\",\"kind\":" + kind + "}";

        assertThatThrownBy(() -> JSON.readValue(json, RegistrationRequest.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void scalarsAreNotCoerced() {
        assertThatThrownBy(() -> JSON.readValue(PAYMENT_JSON.formatted("\"12.30\""), Payment.class))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> JSON.readValue("{\"text\":12}", Ping.class))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> JSON.readValue("{\"count\":1.5,\"totalAmount\":1}", AwardSummary.class))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> JSON.readValue(
                "{\"noticeId\":\"N\",\"supplierCode\":\"S\",\"confirmed\":\"true\"}", NoticeConfirmation.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void aMissingOrNullBooleanIsAnErrorNotFalse() {
        assertThatThrownBy(() -> JSON.readValue("{\"instructionId\":\"L-1\"}", AccountLockAck.class))
                .hasMessageContaining("accepted");
        assertThatThrownBy(() -> JSON.readValue("{\"instructionId\":\"L-1\",\"accepted\":null}",
                AccountLockAck.class)).hasMessageContaining("accepted");
    }
}
