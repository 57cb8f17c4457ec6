package com.receivableshub.model;

import java.util.List;

/**
 * Rules that span several fields of one record (dates in order, one of two alternatives). The
 * per-field rules stay generic in {@link ModelValidator}; only these are written per type.
 */
public interface CrossFieldCheck {

    /** Violations with field paths relative to this record; empty when the record is consistent. */
    List<Violation> crossFieldViolations();
}
