package com.receivableshub.mapping;

import java.util.List;

/**
 * The file as a whole cannot be read with its layout (a column missing from the header, wrong charset
 * mark, empty file): no line is read, and the errors go back to the ERP like line errors.
 */
public final class RejectedFileException extends Exception {

    private final List<LineError> errors;

    public RejectedFileException(String source, List<LineError> errors) {
        super(source + ": file refused: " + errors.stream()
                .map(e -> (e.field().isEmpty() ? "" : e.field() + ": ") + e.reason()).toList());
        this.errors = List.copyOf(errors);
    }

    public List<LineError> errors() {
        return errors;
    }
}
