package com.receivableshub.model;

/** 连通测试: a partner or operator checks that a channel works end to end. */
public record Ping(String text) {
}
