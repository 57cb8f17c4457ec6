package com.receivableshub.model;

import java.math.BigDecimal;
import java.time.LocalDate;

/** 调账: a signed change to an existing payable (credit note, correction). */
public record Adjustment(
        String adjustmentId,
        String creditorCode,
        String debtorCode,
        String documentNumber,
        @NegativeAllowed BigDecimal amount,
        String reason,
        LocalDate adjustmentDate) implements KeyedByReceivable {

    @Override
    public ReceivableKey key() {
        return new ReceivableKey(creditorCode, debtorCode, documentNumber);
    }
}
