package com.receivableshub.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** 融资需求: mode 1, a supplier asks the funder of a relationship to finance chosen payables. */
public record FinancingRequest(
        String requestId,
        String relationshipId,
        String supplierCode,
        String funderCode,
        @NonEmpty List<ReceivableKey> payables,
        BigDecimal amount) implements CrossFieldCheck {

    @Override
    public List<Violation> crossFieldViolations() {
        List<Violation> out = new ArrayList<>();
        CrossFieldRules.receivablesOf(out, "payables", payables, supplierCode, null);
        return out;
    }
}
