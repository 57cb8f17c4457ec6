package com.receivableshub.mapping;

import java.util.List;

/** A feed mapping file is wrong; each problem names the file and the field. */
public final class FeedMappingException extends RuntimeException {

    private final List<String> problems;

    public FeedMappingException(List<String> problems) {
        super("Invalid feed mapping:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
