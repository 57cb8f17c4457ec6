package com.receivableshub.model;

import java.util.List;

/** 历史中标信息: the answer to an {@link AwardHistoryQuery}: a summary and the detail. */
public record AwardHistory(
        String queryId,
        String supplierCode,
        AwardSummary summary,
        List<AwardNotice> awards,
        List<Contract> contracts) {
}
