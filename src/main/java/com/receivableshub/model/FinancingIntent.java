package com.receivableshub.model;

import java.math.BigDecimal;
import java.util.List;

/** 融资意向: mode 2, a supplier's open call to every funder serving the regions of these finance departments. */
public record FinancingIntent(
        String intentId,
        String supplierCode,
        @NonEmpty List<String> financeDepartmentCodes,
        BigDecimal amount,
        @NotRequired String description) {
}
