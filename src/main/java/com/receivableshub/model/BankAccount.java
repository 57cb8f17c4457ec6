package com.receivableshub.model;

/** 银行账户: an account as written on contracts, notices and lock instructions. */
public record BankAccount(String accountNumber, String accountName, String bankName) {
}
