package com.receivableshub.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** 授权: a supplier lets its core enterprise send their trade history since historyFrom to one funder. */
public record Authorisation(
        String authorisationId,
        String supplierCode,
        String coreEnterpriseCode,
        String funderCode,
        LocalDate historyFrom,
        LocalDate validUntil) implements CrossFieldCheck {

    @Override
    public List<Violation> crossFieldViolations() {
        List<Violation> out = new ArrayList<>();
        CrossFieldRules.notBefore(out, "validUntil", validUntil, "historyFrom", historyFrom);
        return out;
    }
}
