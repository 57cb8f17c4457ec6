package com.receivableshub.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** 授信: a funder's limit for a supplier; coreEnterpriseCode is absent in procurement mode. */
public record CreditLine(
        String creditLineId,
        String funderCode,
        String supplierCode,
        @NotRequired String coreEnterpriseCode,
        BigDecimal amount,
        LocalDate validFrom,
        LocalDate validUntil) implements CrossFieldCheck {

    @Override
    public List<Violation> crossFieldViolations() {
        List<Violation> out = new ArrayList<>();
        CrossFieldRules.notBefore(out, "validUntil", validUntil, "validFrom", validFrom);
        return out;
    }
}
