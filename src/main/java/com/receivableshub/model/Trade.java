package com.receivableshub.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** 成交单: the funder reports a financing concluded on receivables (mode 1) or a contract (mode 2). */
public record Trade(
        String tradeId,
        String funderCode,
        String supplierCode,
        String debtorCode,
        @NotRequired @NonEmpty List<ReceivableKey> receivables,
        @NotRequired String contractId,
        BigDecimal financedAmount,
        LocalDate tradeDate,
        @NotRequired String noticeId) implements CrossFieldCheck {

    @Override
    public List<Violation> crossFieldViolations() {
        List<Violation> out = new ArrayList<>();
        CrossFieldRules.receivablesOrContract(out, receivables, contractId);
        CrossFieldRules.receivablesOf(out, "receivables", receivables, supplierCode, debtorCode);
        return out;
    }
}
