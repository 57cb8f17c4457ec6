package com.receivableshub.model;

/** 池融资 / 单笔融资: whether a relationship finances a pool of payables or one at a time. */
public enum FinancingMode { POOL, SINGLE }
