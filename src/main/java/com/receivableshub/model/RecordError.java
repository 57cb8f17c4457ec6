package com.receivableshub.model;

/** 错误明细: why one record of a message was refused; recordRef is absent when the whole message was. */
public record RecordError(@NotRequired String recordRef, @NotRequired String field, String reason) {
}
