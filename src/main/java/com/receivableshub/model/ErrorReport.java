package com.receivableshub.model;

import java.util.List;

/** 错误回执: tells a sender which records of its message were refused, and why. */
public record ErrorReport(String refMessageId, @NonEmpty List<RecordError> errors) {

    /** The report for one record refused with these violations. */
    public static ErrorReport of(String refMessageId, String recordRef, List<Violation> violations) {
        return new ErrorReport(refMessageId, violations.stream()
                .map(v -> new RecordError(recordRef, v.field(), v.reason()))
                .toList());
    }
}
