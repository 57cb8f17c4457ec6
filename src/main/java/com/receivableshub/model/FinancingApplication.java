package com.receivableshub.model;

import java.math.BigDecimal;

/** 融资申请: mode 2, a supplier applies to one funder for financing on an award or contract. */
public record FinancingApplication(
        String applicationId,
        String supplierCode,
        String funderCode,
        String contractId,
        @NotRequired String noticeId,
        BigDecimal amount,
        String plan) {
}
