package com.receivableshub.mapping;

import com.receivableshub.model.Adjustment;
import com.receivableshub.model.CollectionAccount;
import com.receivableshub.model.Payable;
import com.receivableshub.model.Payment;

import java.util.List;
import java.util.Map;

/** What one ERP file holds: a single kind of canonical record, named by the layout's {@code record}. */
public enum RecordKind {
    /** 应付账款. Amounts are CNY by the domain's rule, so the currency needs no column. */
    PAYABLE(Payable.class, Map.of("currency", Payable.CNY)),
    /** 调账; the amount may be negative. */
    ADJUSTMENT(Adjustment.class, Map.of()),
    /** 付款. */
    PAYMENT(Payment.class, Map.of()),
    /** 回款账户; the bank account's parts are the targets {@code account.accountNumber} and so on. */
    COLLECTION_ACCOUNT(CollectionAccount.class, Map.of());

    private final Class<? extends Record> recordClass;
    private final Map<String, String> defaults;
    private final RecordShape shape;

    RecordKind(Class<? extends Record> recordClass, Map<String, String> defaults) {
        this.recordClass = recordClass;
        this.defaults = defaults;
        this.shape = RecordShape.of(recordClass);
    }

    public Class<? extends Record> recordClass() {
        return recordClass;
    }

    /** Every field a layout may map, nested ones dotted, in the record's order. */
    public List<String> targets() {
        return List.copyOf(shape.leaves().keySet());
    }

    /** Values a layout need not give: used unless it maps the field itself. */
    public Map<String, String> defaults() {
        return defaults;
    }

    RecordShape shape() {
        return shape;
    }
}
