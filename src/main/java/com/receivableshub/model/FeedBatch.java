package com.receivableshub.model;

import java.util.List;

/**
 * 每日应付账款数据: one delivery of a core enterprise's daily feed to one funder — the payables, adjustments,
 * payments and collection accounts of the suppliers that chose to show them to it. Each record keeps its own id,
 * so the funder can deduplicate too.
 */
public record FeedBatch(
        String batchId,
        String coreEnterpriseCode,
        List<Payable> payables,
        List<Adjustment> adjustments,
        List<Payment> payments,
        List<CollectionAccount> collectionAccounts) {
}
