package com.receivableshub.model;

import java.math.BigDecimal;
import java.time.LocalDate;

/** 中标公告: a procurement system's award of a project to a supplier; region is the GB/T 2260 division code. */
public record AwardNotice(
        String noticeId,
        @NotRequired String projectId,
        String title,
        String region,
        String buyerCode,
        String buyerName,
        String financeDepartmentCode,
        String supplierCode,
        String supplierName,
        BigDecimal amount,
        LocalDate awardDate,
        String sourceSystem) {
}
