package com.receivableshub.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** 历史交易数据: the payables between a supplier and its core enterprise since {@code from}, for one authorised funder. */
public record HistoricalTrades(
        String supplierCode,
        String coreEnterpriseCode,
        String funderCode,
        LocalDate from,
        List<Payable> payables) implements CrossFieldCheck {

    /** A batch may only carry this pair's trades, or the funder would see other suppliers' data. */
    @Override
    public List<Violation> crossFieldViolations() {
        List<Violation> out = new ArrayList<>();
        if (payables == null) {
            return out;
        }
        for (int i = 0; i < payables.size(); i++) {
            Payable p = payables.get(i);
            if (p == null) {
                continue;
            }
            String at = "payables[" + i + "].";
            CrossFieldRules.sameCode(out, at + "creditorCode", p.creditorCode(), "supplierCode", supplierCode);
            CrossFieldRules.sameCode(out, at + "debtorCode", p.debtorCode(), "coreEnterpriseCode", coreEnterpriseCode);
            CrossFieldRules.notBefore(out, at + "issueDate", p.issueDate(), "from", from);
        }
        return out;
    }
}
