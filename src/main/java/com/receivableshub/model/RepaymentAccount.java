package com.receivableshub.model;

/** 回款账户指定: mode 2, the funder designates the account a procurement contract is to be paid into. */
public record RepaymentAccount(
        String designationId,
        String funderCode,
        String supplierCode,
        String contractId,
        BankAccount account) {
}
