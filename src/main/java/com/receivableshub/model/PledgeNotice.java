package com.receivableshub.model;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** 质押/转让通知: the funder tells the debtor the receivables are pledged or transferred, and where to pay. */
public record PledgeNotice(
        String noticeId,
        NoticeKind kind,
        String funderCode,
        String supplierCode,
        String debtorCode,
        @NotRequired @NonEmpty List<ReceivableKey> receivables,
        @NotRequired String contractId,
        BigDecimal amount,
        BankAccount repaymentAccount,
        OffsetDateTime signedAt) implements CrossFieldCheck {

    @Override
    public List<Violation> crossFieldViolations() {
        List<Violation> out = new ArrayList<>();
        CrossFieldRules.receivablesOrContract(out, receivables, contractId);
        CrossFieldRules.receivablesOf(out, "receivables", receivables, supplierCode, debtorCode);
        return out;
    }
}
