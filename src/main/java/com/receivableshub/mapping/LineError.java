package com.receivableshub.mapping;

/**
 * Why a line (or the header) was refused.
 *
 * @param lineNumber the 1-based physical line of the file (the header is line 1)
 * @param field      the canonical field, e.g. {@code amount}; {@link #WHOLE_LINE} when the line as a whole is wrong
 * @param reason     what is wrong, quoting the cell where there is one
 */
public record LineError(long lineNumber, String field, String reason) {

    /** The field of errors about the whole line: column count, bytes, quotes. */
    public static final String WHOLE_LINE = "";
}
