package com.receivableshub.mapping;

/**
 * Where one canonical field comes from: a column named in the header, or a 1-based column position.
 *
 * @param target   the canonical field, e.g. {@code amount} or {@code account.accountNumber}
 * @param column   the header name, or null when {@code position} is used
 * @param position the 1-based column, or 0 when {@code column} is used
 * @param spelling how true and false are written; null unless the target is a boolean
 */
public record FieldMapping(String target, String column, int position, BooleanSpelling spelling) {

    /** "column '金额'" or "column 4", for messages. */
    public String describe() {
        return column != null ? "column '" + column + "'" : "column " + position;
    }
}
