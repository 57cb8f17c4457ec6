package com.receivableshub.model;

/** 质押 / 转让: the receivable is collateral (pledge) or sold to the funder (transfer, factoring). */
public enum NoticeKind { PLEDGE, TRANSFER }
