package com.receivableshub.pipeline;

import java.util.List;

/**
 * The hub refuses a message: who is refused, which field, why. REST answers with {@code status}, SOAP with a fault,
 * queues with an error report to the sender.
 */
public final class RefusedException extends RuntimeException {

    private final int status;
    private final List<FieldError> errors;

    public RefusedException(int status, String field, String reason) {
        this(status, List.of(new FieldError(field, reason)));
    }

    public RefusedException(int status, List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.reason()).reduce((a, b) -> a + "; " + b).orElse("refused"));
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public record FieldError(String field, String reason) {
    }
}
