package com.receivableshub.pipeline;

/** What became of a message the hub took in. */
public record IntakeResult(String messageId, Status status, long ledgerSeq, int delivered) {

    public enum Status { ACCEPTED, DUPLICATE }
}
