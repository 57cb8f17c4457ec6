package com.receivableshub.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.List;

import static com.receivableshub.model.SampleMessages.BUYER;
import static com.receivableshub.model.SampleMessages.CORE_ENTERPRISE;
import static com.receivableshub.model.SampleMessages.FUNDER;
import static com.receivableshub.model.SampleMessages.FUNDER_ACCOUNT;
import static com.receivableshub.model.SampleMessages.HUB;
import static com.receivableshub.model.SampleMessages.RECEIVABLE_1;
import static com.receivableshub.model.SampleMessages.SUPPLIER;
import static com.receivableshub.model.SampleMessages.date;
import static com.receivableshub.model.SampleMessages.money;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelValidatorTest {

    private static final String BAD_CHECK = "91350100M000100Y44";
    private static final ObjectMapper JSON = ModelJson.newMapper();

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void everySampleIsValid(MessageType type) {
        assertThat(ModelValidator.validate(SampleMessages.sample(type))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("com.receivableshub.model.SampleMessages#variants")
    void everyVariantIsValid(Record variant) {
        assertThat(ModelValidator.validate(variant)).isEmpty();
    }

    @Test
    void aBadCodeDeepInAListIsReportedWithItsPath() {
        AwardNotice bad = withBuyer(SampleMessages.awardNotice(), BAD_CHECK);
        AwardHistory history = new AwardHistory("Q-1", SUPPLIER, new AwardSummary(2, money("1300000")),
                List.of(SampleMessages.awardNotice(), bad), List.of());

        assertThat(ModelValidator.validate(history)).containsExactly(
                new Violation("awards[1].buyerCode", "check character is '4', GB 32100 requires '3'"));
    }

    @Test
    void aBadCodeInAListOfCodesIsReportedWithItsIndex() {
        FinancingIntent intent = new FinancingIntent("INT-1", SUPPLIER, List.of(BUYER, "1135000000312340OM"),
                money("10"), null);

        assertThat(ModelValidator.validate(intent)).containsExactly(new Violation("financeDepartmentCodes[1]",
                "character 'O' at position 17 is not in the GB 32100 alphabet"));
    }

    @Test
    void missingRequiredFieldsAreReportedAtEveryLevel() {
        PledgeNotice notice = new PledgeNotice(null, NoticeKind.PLEDGE, FUNDER, SUPPLIER, CORE_ENTERPRISE,
                List.of(RECEIVABLE_1), null, money("10"), new BankAccount("6222", "  ", null), null);

        assertThat(ModelValidator.validate(notice)).containsExactly(
                new Violation("noticeId", "is missing"),
                new Violation("repaymentAccount.accountName", "is blank"),
                new Violation("repaymentAccount.bankName", "is missing"),
                new Violation("signedAt", "is missing"));
    }

    @Test
    void optionalFieldsMayBeAbsent() {
        CreditLine procurementMode = new CreditLine("CL-1", FUNDER, SUPPLIER, null, money("10"),
                date("2025-01-01"), date("2025-12-31"));

        assertThat(ModelValidator.validate(procurementMode)).isEmpty();
    }

    @Test
    void tooManyDecimalsAreRefused() {
        Payment payment = new Payment("P-1", SUPPLIER, CORE_ENTERPRISE, "FP-1", new BigDecimal("12.345"),
                date("2025-04-15"));

        assertThat(ModelValidator.validate(payment))
                .containsExactly(new Violation("amount", "12.345 has more than two decimals"));
    }

    @Test
    void amountsArePositiveUnlessTheFieldSaysOtherwise() {
        Payment zero = new Payment("P-1", SUPPLIER, CORE_ENTERPRISE, "FP-1", money("0"), date("2025-04-15"));
        Adjustment negative = new Adjustment("A-1", SUPPLIER, CORE_ENTERPRISE, "FP-1", money("-1500.50"),
                "credit note", date("2025-04-15"));
        AwardSummary emptySummary = new AwardSummary(0, money("0"));
        AwardSummary negativeSummary = new AwardSummary(-1, money("-1"));

        assertThat(ModelValidator.validate(zero))
                .containsExactly(new Violation("amount", "0.00 must be greater than zero"));
        assertThat(ModelValidator.validate(negative)).isEmpty();
        assertThat(ModelValidator.validate(emptySummary)).isEmpty();
        assertThat(ModelValidator.validate(negativeSummary)).containsExactly(
                new Violation("totalAmount", "-1.00 must not be negative"),
                new Violation("count", "-1 must not be negative"));
    }

    @Test
    void listsMarkedNonEmptyMustHoldSomethingAndNoNullElements() {
        FinancingRequest empty = new FinancingRequest("R-1", "REL-1", SUPPLIER, FUNDER, List.of(), money("1"));
        FinancingRequest withNull = new FinancingRequest("R-1", "REL-1", SUPPLIER, FUNDER,
                java.util.Arrays.asList(RECEIVABLE_1, null), money("1"));

        assertThat(ModelValidator.validate(empty)).containsExactly(new Violation("payables", "must not be empty"));
        assertThat(ModelValidator.validate(withNull)).containsExactly(new Violation("payables[1]", "is missing"));
    }

    @Test
    void aSupplierCannotNameAnotherCreditorsReceivable() {
        ReceivableKey someoneElses = new ReceivableKey(HUB, CORE_ENTERPRISE, "FP-9");
        FinancingRequest request = new FinancingRequest("R-1", "REL-1", SUPPLIER, FUNDER,
                List.of(RECEIVABLE_1, someoneElses), money("1"));

        assertThat(ModelValidator.validate(request)).containsExactly(new Violation("payables[1].creditorCode",
                "'" + HUB + "' differs from supplierCode '" + SUPPLIER + "'"));
    }

    @Test
    void crossFieldRulesGetTheirRecordsPath() {
        Payable reversed = new Payable(CORE_ENTERPRISE, SUPPLIER, "FP-1", money("1"), date("2025-03-01"),
                date("2025-02-01"), true, "USD");
        HistoricalTrades trades = new HistoricalTrades(SUPPLIER, CORE_ENTERPRISE, FUNDER, date("2024-01-01"),
                List.of(SampleMessages.sample(MessageType.PAYABLE) instanceof Payable p ? p : null, reversed));

        assertThat(ModelValidator.validate(trades)).containsExactly(
                new Violation("payables[1].currency", "'USD' is not CNY"),
                new Violation("payables[1].dueDate", "2025-02-01 is before issueDate 2025-03-01"));
    }

    @Test
    void aNoticeNamesReceivablesOrAContractButNotBoth() {
        PledgeNotice both = new PledgeNotice("PN-1", NoticeKind.PLEDGE, FUNDER, SUPPLIER, CORE_ENTERPRISE,
                List.of(RECEIVABLE_1), "HT-1", money("10"), FUNDER_ACCOUNT, java.time.OffsetDateTime.now());
        PledgeNotice neither = new PledgeNotice("PN-1", NoticeKind.PLEDGE, FUNDER, SUPPLIER, CORE_ENTERPRISE,
                null, null, money("10"), FUNDER_ACCOUNT, java.time.OffsetDateTime.now());

        assertThat(ModelValidator.validate(both))
                .containsExactly(new Violation("receivables", "must be absent when contractId is given"));
        assertThat(ModelValidator.validate(neither))
                .containsExactly(new Violation("receivables", "either receivables or contractId is required"));
    }

    @Test
    void aRefusalMustSayWhy() {
        assertThat(ModelValidator.validate(new AccountLockAck("L-1", false, null)))
                .containsExactly(new Violation("reason", "is required when refused"));
        assertThat(ModelValidator.validate(new AccountLockAck("L-1", true, null))).isEmpty();
    }

    @Test
    void requireValidListsEveryViolationInTheMessage() {
        Payment payment = new Payment("", BAD_CHECK, CORE_ENTERPRISE, "FP-1", new BigDecimal("1.001"), null);

        assertThatThrownBy(() -> ModelValidator.requireValid(payment))
                .isInstanceOf(ValidationException.class)
                .hasMessage("paymentId: is blank; "
                        + "creditorCode: check character is '4', GB 32100 requires '3'; "
                        + "amount: 1.001 has more than two decimals; "
                        + "paidDate: is missing")
                .satisfies(e -> assertThat(((ValidationException) e).violations()).hasSize(4));
    }

    @Test
    void rejectsWhatIsNotARecord() {
        assertThatThrownBy(() -> ModelValidator.validate("text")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void everySampleEnvelopeIsValid(MessageType type) {
        Envelope envelope = Envelope.of(type, HUB, List.of(FUNDER), SampleMessages.sample(type), JSON);

        assertThat(ModelValidator.validateEnvelope(envelope, JSON)).isEmpty();
    }

    @Test
    void envelopeSenderAndReceiversMustBeCreditCodes() {
        Envelope envelope = Envelope.of(MessageType.PING, "hub", List.of(FUNDER, BAD_CHECK),
                new Ping("x"), JSON);

        assertThat(ModelValidator.validateEnvelope(envelope, JSON)).containsExactly(
                new Violation("sender", "must have 18 characters, has 3"),
                new Violation("receivers[1]", "check character is '4', GB 32100 requires '3'"));
    }

    @Test
    void envelopeWithoutReceiversListOrPayloadIsRefused() {
        Envelope envelope = new Envelope("m-1", null, MessageType.PING, HUB, null,
                java.time.OffsetDateTime.now(), null, null);

        assertThat(ModelValidator.validateEnvelope(envelope, JSON)).containsExactly(
                new Violation("receivers", "is missing"),
                new Violation("payload", "is missing"));
    }

    @Test
    void anEmptyReceiversListLeavesTheChoiceToTheHub() {
        Envelope envelope = Envelope.of(MessageType.PING, HUB, List.of(), new Ping("x"), JSON);

        assertThat(ModelValidator.validateEnvelope(envelope, JSON)).isEmpty();
    }

    @Test
    void payloadViolationsArePrefixed() {
        Payment payment = new Payment("P-1", SUPPLIER, BAD_CHECK, "FP-1", money("1"), date("2025-04-15"));
        Envelope envelope = Envelope.of(MessageType.PAYMENT, CORE_ENTERPRISE, List.of(HUB), payment, JSON);

        assertThat(ModelValidator.validateEnvelope(envelope, JSON)).containsExactly(
                new Violation("payload.debtorCode", "check character is '4', GB 32100 requires '3'"));
    }

    @Test
    void payloadThatDoesNotParseIsReportedAsAViolation() {
        assertThat(payloadViolations(MessageType.TRADE, p -> ((ObjectNode) p.get("receivables").get(1))
                .put("surprise", 1)))
                .containsExactly(new Violation("payload.receivables[1].surprise", "is not a known field"));
        assertThat(payloadViolations(MessageType.NOTICE_CONFIRMATION, p -> p.remove("confirmed")))
                .containsExactly(new Violation("payload.confirmed", "is missing"));
        assertThat(payloadViolations(MessageType.PAYMENT, p -> p.put("paidDate", "2025-02-30")))
                .containsExactly(new Violation("payload.paidDate", "'2025-02-30' is not a date (yyyy-MM-dd)"));
        assertThat(payloadViolations(MessageType.FINANCING_RELATIONSHIP, p -> p.put("mode", "pool")))
                .containsExactly(new Violation("payload.mode", "'pool' is not one of [POOL, SINGLE]"));
        assertThat(payloadViolations(MessageType.PAYMENT, p -> p.put("amount", "30000.00")))
                .containsExactly(new Violation("payload.amount", "must be a number (CNY amount)"));
        assertThat(payloadViolations(MessageType.PAYMENT, p -> p.put("documentNumber", 117)))
                .containsExactly(new Violation("payload.documentNumber", "'117' is not a string"));
    }

    private static List<Violation> payloadViolations(MessageType type,
                                                     java.util.function.Consumer<ObjectNode> mutation) {
        Envelope envelope = Envelope.of(type, HUB, List.of(FUNDER), SampleMessages.sample(type), JSON);
        ObjectNode payload = envelope.payload().deepCopy();
        mutation.accept(payload);
        Envelope mutated = new Envelope(envelope.messageId(), null, type, HUB, List.of(FUNDER), envelope.time(),
                payload, null);
        return ModelValidator.validateEnvelope(mutated, JSON);
    }

    private static AwardNotice withBuyer(AwardNotice n, String buyerCode) {
        return new AwardNotice(n.noticeId(), n.projectId(), n.title(), n.region(), buyerCode, n.buyerName(),
                n.financeDepartmentCode(), n.supplierCode(), n.supplierName(), n.amount(), n.awardDate(),
                n.sourceSystem());
    }
}
