package com.receivableshub.mapping;

/** Quoting of cell values inside reasons. */
final class Texts {

    /** Longer values are cut: a reason must stay readable even when a cell holds a whole line. */
    private static final int MAX_QUOTED = 60;

    private Texts() {
    }

    static String quoted(String value) {
        return value.length() <= MAX_QUOTED
                ? "'" + value + "'"
                : "'" + value.substring(0, MAX_QUOTED) + "...'";
    }
}
