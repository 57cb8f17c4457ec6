package com.receivableshub.mapping;

import java.util.List;

/** A line that was refused, with every reason found. */
public record RejectedLine(long lineNumber, List<LineError> errors) implements LineResult {

    public RejectedLine {
        errors = List.copyOf(errors);
    }

    static RejectedLine of(long lineNumber, String field, String reason) {
        return new RejectedLine(lineNumber, List.of(new LineError(lineNumber, field, reason)));
    }
}
