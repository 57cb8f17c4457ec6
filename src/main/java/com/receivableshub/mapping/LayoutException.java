package com.receivableshub.mapping;

import java.util.List;

/** A layout file is wrong; each problem names the file and the field. */
public final class LayoutException extends RuntimeException {

    private final List<String> problems;

    public LayoutException(List<String> problems) {
        super("Invalid CSV layout:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
