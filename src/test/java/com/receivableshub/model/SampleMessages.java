package com.receivableshub.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** One valid, realistic payload per message type, for schema, validator and round-trip tests. */
public final class SampleMessages {

    static final String SUPPLIER = "91350100M000100Y43";
    static final String CORE_ENTERPRISE = "91350100705432100M";
    static final String FUNDER = "91350200123456700W";
    static final String HUB = "91310100666677700N";
    static final String BUYER = "11350000003123400M";
    static final String FINANCE_DEPARTMENT = "11350100003456700G";

    static final BankAccount SUPPLIER_ACCOUNT =
            new BankAccount("35001610007052508888", "福州闽江设备有限公司", "中国建设银行福州鼓楼支行");
    static final BankAccount FUNDER_ACCOUNT =
            new BankAccount("591902345610501", "厦门海峡银行保理专户", "厦门海峡银行福州分行");
    static final ReceivableKey RECEIVABLE_1 = new ReceivableKey(SUPPLIER, CORE_ENTERPRISE, "FP-2025-000117");
    static final ReceivableKey RECEIVABLE_2 = new ReceivableKey(SUPPLIER, CORE_ENTERPRISE, "FP-2025-000142");

    private SampleMessages() {
    }

    public static Record sample(MessageType type) {
        return switch (type) {
            case AWARD_NOTICE -> awardNotice();
            case CONTRACT -> contract();
            case PROCUREMENT_PAYMENT -> new ProcurementPayment("PAY-350100-2025-0031", "HT-350100-2025-0088",
                    money("120000.00"), date("2025-06-30"));
            case PAYABLE -> payable("FP-2025-000117", "86500.00", "2025-03-05");
            case ADJUSTMENT -> new Adjustment("ADJ-2025-0009", SUPPLIER, CORE_ENTERPRISE, "FP-2025-000117",
                    money("-1500.50"), "退货冲减 (returned goods)", date("2025-03-20"));
            case PAYMENT -> new Payment("PMT-2025-0413", SUPPLIER, CORE_ENTERPRISE, "FP-2025-000117",
                    money("30000.00"), date("2025-04-15"));
            case COLLECTION_ACCOUNT -> new CollectionAccount(CORE_ENTERPRISE, SUPPLIER, SUPPLIER_ACCOUNT,
                    date("2025-01-01"));
            case HISTORICAL_TRADES -> new HistoricalTrades(SUPPLIER, CORE_ENTERPRISE, FUNDER, date("2024-01-01"),
                    List.of(payable("FP-2024-000881", "45210.30", "2024-02-18"),
                            payable("FP-2024-001207", "9800.00", "2024-11-02")));
            case FEED_BATCH -> new FeedBatch("FEED-2025-04-15-0001", CORE_ENTERPRISE,
                    List.of(payable("FP-2025-000117", "90000.00", "2025-03-10")),
                    List.of(new Adjustment("ADJ-2025-0009", SUPPLIER, CORE_ENTERPRISE, "FP-2025-000117",
                            money("-1500.50"), "退货冲减 (returned goods)", date("2025-03-20"))),
                    List.of(new Payment("PMT-2025-0413", SUPPLIER, CORE_ENTERPRISE, "FP-2025-000117",
                            money("30000.00"), date("2025-04-15"))),
                    List.of(new CollectionAccount(CORE_ENTERPRISE, SUPPLIER, SUPPLIER_ACCOUNT, date("2025-01-01"))));
            case AUTHORISATION -> new Authorisation("AUTH-2025-0007", SUPPLIER, CORE_ENTERPRISE, FUNDER,
                    date("2024-01-01"), date("2025-12-31"));
            case CREDIT_LINE -> new CreditLine("CL-XMHX-2025-0021", FUNDER, SUPPLIER, CORE_ENTERPRISE,
                    money("5000000.00"), date("2025-03-01"), date("2026-02-28"));
            case CREDIT_LINE_APPROVAL -> new CreditLineApproval("CL-XMHX-2025-0021", CORE_ENTERPRISE, true, null);
            case FINANCING_RELATIONSHIP -> new FinancingRelationship("REL-2025-0003", SUPPLIER, CORE_ENTERPRISE,
                    FUNDER, FinancingMode.POOL, RelationshipStatus.ACTIVE);
            case FINANCING_REQUEST -> new FinancingRequest("REQ-2025-0051", "REL-2025-0003", SUPPLIER, FUNDER,
                    List.of(RECEIVABLE_1, RECEIVABLE_2), money("120000.00"));
            case FINANCING_INTENT -> new FinancingIntent("INT-2025-0012", SUPPLIER, List.of(FINANCE_DEPARTMENT),
                    money("800000.00"), "政府采购合同融资,期限六个月");
            case FINANCING_APPLICATION -> new FinancingApplication("APP-2025-0019", SUPPLIER, FUNDER,
                    "HT-350100-2025-0088", "ZB-350100-2025-0456", money("600000.00"),
                    "用于采购原材料,财政付款后还款");
            case PLEDGE_NOTICE -> new PledgeNotice("PN-2025-0033", NoticeKind.TRANSFER, FUNDER, SUPPLIER,
                    CORE_ENTERPRISE, List.of(RECEIVABLE_1, RECEIVABLE_2), null, money("120000.00"),
                    FUNDER_ACCOUNT, OffsetDateTime.parse("2025-04-02T09:30:00+08:00"));
            case NOTICE_CONFIRMATION -> new NoticeConfirmation("PN-2025-0033", SUPPLIER, true);
            case REGISTRATION_REQUEST -> new RegistrationRequest("RR-2025-0033", "PN-2025-0033",
                    NoticeKind.TRANSFER, FUNDER, SUPPLIER, CORE_ENTERPRISE, money("120000.00"),
                    "应收账款转让:发票 FP-2025-000117、FP-2025-000142");
            case REGISTRATION_RESULT -> new RegistrationResult("RR-2025-0033", "04512345000678901234",
                    List.of("03887766000123456789"), OffsetDateTime.parse("2025-04-02T10:05:12.345+08:00"));
            case TRADE -> new Trade("TR-XMHX-2025-0101", FUNDER, SUPPLIER, CORE_ENTERPRISE,
                    List.of(RECEIVABLE_1, RECEIVABLE_2), null, money("115000.00"), date("2025-04-03"),
                    "PN-2025-0033");
            case FINANCING_SETTLED -> new FinancingSettled("TR-XMHX-2025-0102", date("2025-10-08"));
            case REPAYMENT_ACCOUNT -> new RepaymentAccount("RA-2025-0004", FUNDER, SUPPLIER,
                    "HT-350100-2025-0088", FUNDER_ACCOUNT);
            case ACCOUNT_LOCK_INSTRUCTION -> new AccountLockInstruction("LOCK-2025-0006", LockAction.LOCK,
                    "TR-XMHX-2025-0102", "HT-350100-2025-0088", FINANCE_DEPARTMENT, SUPPLIER_ACCOUNT, FUNDER);
            case ACCOUNT_LOCK_ACK -> new AccountLockAck("LOCK-2025-0006", false, "账户已被其他指令锁定");
            case AWARD_HISTORY_QUERY -> new AwardHistoryQuery("Q-2025-0077", FUNDER, SUPPLIER, date("2024-05-01"));
            case AWARD_HISTORY -> new AwardHistory("Q-2025-0077", SUPPLIER,
                    new AwardSummary(1, money("650000.00")), List.of(awardNotice()), List.of(contract()));
            case PING -> new Ping("funder channel check");
            case PONG -> new Pong("funder channel check", "3f0c9a52-1d2e-4b8f-9c41-2a7e5d6b8c10");
            case ERROR_REPORT -> new ErrorReport("3f0c9a52-1d2e-4b8f-9c41-2a7e5d6b8c10",
                    List.of(new RecordError("line 17", "amount", "12.345 has more than two decimals"),
                            new RecordError(null, null, "signature does not verify")));
        };
    }

    /** Valid alternatives the one-per-type samples do not show: mode 2, optional fields absent, refusals. */
    static List<Record> variants() {
        return List.of(
                new PledgeNotice("PN-2025-0034", NoticeKind.PLEDGE, FUNDER, SUPPLIER, BUYER, null,
                        "HT-350100-2025-0088", money("600000.00"), FUNDER_ACCOUNT,
                        OffsetDateTime.parse("2025-05-06T14:00:00Z")),
                new Trade("TR-XMHX-2025-0102", FUNDER, SUPPLIER, BUYER, null, "HT-350100-2025-0088",
                        money("600000.00"), date("2025-05-07"), null),
                new CreditLine("CL-XMHX-2025-0022", FUNDER, SUPPLIER, null, money("1000000"),
                        date("2025-05-01"), date("2026-04-30")),
                new CreditLineApproval("CL-XMHX-2025-0023", CORE_ENTERPRISE, false, "超出年度授信额度"),
                new AccountLockAck("LOCK-2025-0007", true, null),
                new HistoricalTrades(SUPPLIER, CORE_ENTERPRISE, FUNDER, date("2024-01-01"), List.of()),
                new AwardHistory("Q-2025-0078", SUPPLIER, new AwardSummary(0, money("0")), List.of(), List.of()),
                new Contract("HT-350100-2025-0090", null, "350102", BUYER, FINANCE_DEPARTMENT, SUPPLIER,
                        money("88000.5"), date("2025-03-03"), SUPPLIER_ACCOUNT, List.of()));
    }

    static AwardNotice awardNotice() {
        return new AwardNotice("ZB-350100-2025-0456", "FJZC-2025-0123", "福州市鼓楼区教育局教学设备采购项目中标公告",
                "350102", BUYER, "福州市鼓楼区教育局", FINANCE_DEPARTMENT, SUPPLIER, "福州闽江设备有限公司",
                money("650000.00"), date("2025-02-14"), "fujian-gpp");
    }

    static Contract contract() {
        return new Contract("HT-350100-2025-0088", "ZB-350100-2025-0456", "350102", BUYER, FINANCE_DEPARTMENT,
                SUPPLIER, money("650000.00"), date("2025-02-28"), SUPPLIER_ACCOUNT,
                List.of(new PaymentPlanItem(date("2025-06-30"), money("195000.00")),
                        new PaymentPlanItem(date("2025-12-31"), money("455000.00"))));
    }

    static Payable payable(String documentNumber, String amount, String issueDate) {
        LocalDate issued = date(issueDate);
        return new Payable(CORE_ENTERPRISE, SUPPLIER, documentNumber, money(amount), issued, issued.plusDays(90),
                true, Payable.CNY);
    }

    static BigDecimal money(String text) {
        return Money.of(text);
    }

    static LocalDate date(String text) {
        return LocalDate.parse(text);
    }
}
