package com.receivableshub.model;

/** 连通应答: the answer to a {@link Ping}, naming the ping's message id. */
public record Pong(String text, String pingMessageId) {
}
