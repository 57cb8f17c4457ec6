package com.receivableshub.model;

/** 锁定 / 解锁: lock a contract collection account when financed, unlock it when settled. */
public enum LockAction { LOCK, UNLOCK }
