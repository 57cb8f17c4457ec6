package com.receivableshub.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** 采购合同 (also 采购订单): what the buyer owes the supplier, paid by the finance department into collectionAccount. */
public record Contract(
        String contractId,
        @NotRequired String noticeId,
        String region,
        String buyerCode,
        String financeDepartmentCode,
        String supplierCode,
        BigDecimal amount,
        LocalDate signedDate,
        BankAccount collectionAccount,
        List<PaymentPlanItem> paymentPlan) {
}
