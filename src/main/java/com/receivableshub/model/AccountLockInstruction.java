package com.receivableshub.model;

/** 账户锁定指令: the hub tells the treasury to lock (or unlock) a financed contract's collection account. */
public record AccountLockInstruction(
        String instructionId,
        LockAction action,
        String tradeId,
        String contractId,
        String financeDepartmentCode,
        BankAccount account,
        String funderCode) {
}
