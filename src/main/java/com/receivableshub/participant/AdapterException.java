package com.receivableshub.participant;

import java.util.List;

/** One or more adapter files are wrong; the message names each file and field. */
public final class AdapterException extends RuntimeException {

    private final List<String> problems;

    public AdapterException(List<String> problems) {
        super("Invalid adapter configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
