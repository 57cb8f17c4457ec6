package com.receivableshub.model;

/** One rule a message breaks: the field path (e.g. {@code payables[3].amount}) and why. */
public record Violation(String field, String reason) {

    /** Nests this violation under {@code prefix}, e.g. {@code amount} under {@code payables[3]}. */
    public Violation under(String prefix) {
        return new Violation(prefix.isEmpty() ? field : prefix + "." + field, reason);
    }

    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
