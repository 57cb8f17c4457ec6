package com.receivableshub.model;

import java.math.BigDecimal;
import java.time.LocalDate;

/** 付款: the debtor paid (part of) a payable. */
public record Payment(
        String paymentId,
        String creditorCode,
        String debtorCode,
        String documentNumber,
        BigDecimal amount,
        LocalDate paidDate) implements KeyedByReceivable {

    @Override
    public ReceivableKey key() {
        return new ReceivableKey(creditorCode, debtorCode, documentNumber);
    }
}
