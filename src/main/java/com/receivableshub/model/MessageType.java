package com.receivableshub.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every canonical message the hub carries, with its payload record and its JSON Schema. */
public enum MessageType {

    AWARD_NOTICE(AwardNotice.class),
    CONTRACT(Contract.class),
    PROCUREMENT_PAYMENT(ProcurementPayment.class),
    PAYABLE(Payable.class),
    ADJUSTMENT(Adjustment.class),
    PAYMENT(Payment.class),
    COLLECTION_ACCOUNT(CollectionAccount.class),
    HISTORICAL_TRADES(HistoricalTrades.class),
    FEED_BATCH(FeedBatch.class),
    AUTHORISATION(Authorisation.class),
    CREDIT_LINE(CreditLine.class),
    CREDIT_LINE_APPROVAL(CreditLineApproval.class),
    FINANCING_RELATIONSHIP(FinancingRelationship.class),
    FINANCING_REQUEST(FinancingRequest.class),
    FINANCING_INTENT(FinancingIntent.class),
    FINANCING_APPLICATION(FinancingApplication.class),
    PLEDGE_NOTICE(PledgeNotice.class),
    NOTICE_CONFIRMATION(NoticeConfirmation.class),
    REGISTRATION_REQUEST(RegistrationRequest.class),
    REGISTRATION_RESULT(RegistrationResult.class),
    TRADE(Trade.class),
    FINANCING_SETTLED(FinancingSettled.class),
    REPAYMENT_ACCOUNT(RepaymentAccount.class),
    ACCOUNT_LOCK_INSTRUCTION(AccountLockInstruction.class),
    ACCOUNT_LOCK_ACK(AccountLockAck.class),
    AWARD_HISTORY_QUERY(AwardHistoryQuery.class),
    AWARD_HISTORY(AwardHistory.class),
    PING(Ping.class),
    PONG(Pong.class),
    ERROR_REPORT(ErrorReport.class);

    /** Classpath folder of the schemas; their $id is {@link #SCHEMA_BASE_URI} + file name. */
    public static final String SCHEMA_FOLDER = "contracts/schemas/";
    public static final String SCHEMA_BASE_URI = "https://receivables-hub/schemas/";

    private static final Map<Class<?>, MessageType> BY_PAYLOAD = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(MessageType::payloadClass, Function.identity()));

    private final Class<? extends Record> payloadClass;
    private final String schemaFile;

    MessageType(Class<? extends Record> payloadClass) {
        this.payloadClass = payloadClass;
        this.schemaFile = name().toLowerCase(Locale.ROOT).replace('_', '-') + ".schema.json";
    }

    public Class<? extends Record> payloadClass() {
        return payloadClass;
    }

    /** File name in kebab case, e.g. {@code pledge-notice.schema.json}. */
    public String schemaFile() {
        return schemaFile;
    }

    /** Where the schema is on the classpath. */
    public String schemaResource() {
        return SCHEMA_FOLDER + schemaFile;
    }

    /** The schema's $id. */
    public String schemaId() {
        return SCHEMA_BASE_URI + schemaFile;
    }

    /** The type whose payload is this record class. */
    public static MessageType forPayload(Class<?> payloadClass) {
        MessageType type = BY_PAYLOAD.get(payloadClass);
        if (type == null) {
            throw new IllegalArgumentException(payloadClass.getName() + " is not a canonical message payload");
        }
        return type;
    }
}
