package com.receivableshub.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** 应付账款: a core enterprise's debt to a supplier (the supplier's receivable); confirmed once the debtor confirms it. */
public record Payable(
        String debtorCode,
        String creditorCode,
        String documentNumber,
        BigDecimal amount,
        LocalDate issueDate,
        LocalDate dueDate,
        @JsonProperty(required = true) boolean confirmed,
        String currency) implements KeyedByReceivable, CrossFieldCheck {

    public static final String CNY = "CNY";

    @Override
    public ReceivableKey key() {
        return new ReceivableKey(creditorCode, debtorCode, documentNumber);
    }

    @Override
    public List<Violation> crossFieldViolations() {
        List<Violation> out = new ArrayList<>();
        if (currency != null && !CNY.equals(currency)) {
            out.add(new Violation("currency", "'" + currency + "' is not CNY"));
        }
        CrossFieldRules.notBefore(out, "dueDate", dueDate, "issueDate", issueDate);
        return out;
    }
}
