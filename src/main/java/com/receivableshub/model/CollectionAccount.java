package com.receivableshub.model;

import java.time.LocalDate;

/** 回款账户: the account the debtor pays the creditor into, from validFrom on. */
public record CollectionAccount(String debtorCode, String creditorCode, BankAccount account, LocalDate validFrom) {
}
