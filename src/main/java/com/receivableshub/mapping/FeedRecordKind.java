package com.receivableshub.mapping;

import com.receivableshub.model.AwardNotice;
import com.receivableshub.model.Contract;
import com.receivableshub.model.ProcurementPayment;

/** The canonical records a procurement system's feed gives, named under {@code records:} in a feed mapping. */
public enum FeedRecordKind {
    /** 中标公告; in OCDS an element of {@code awards[]}. */
    AWARD_NOTICE(AwardNotice.class),
    /** 采购合同; in OCDS an element of {@code contracts[]}. */
    CONTRACT(Contract.class),
    /** 合同支付信息; in OCDS an element of {@code contracts[].implementation.transactions[]}. */
    PROCUREMENT_PAYMENT(ProcurementPayment.class);

    private final Class<? extends Record> recordClass;

    FeedRecordKind(Class<? extends Record> recordClass) {
        this.recordClass = recordClass;
    }

    public Class<? extends Record> recordClass() {
        return recordClass;
    }
}
