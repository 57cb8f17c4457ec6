package com.receivableshub.model;

/** 应收账款标识: a receivable is identified by its creditor, its debtor and the debtor's document number. */
public record ReceivableKey(String creditorCode, String debtorCode, String documentNumber) {
}
