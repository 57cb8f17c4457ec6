package com.receivableshub.model;

/** 融资关系状态: while ACTIVE the funder keeps receiving the supplier's payables. */
public enum RelationshipStatus { ACTIVE, ENDED }
