package com.receivableshub.mapping;

/**
 * What an expression of a feed mapping found: a value (a JSON node, text, LocalDate or BigDecimal), or why
 * there is none. Absence is not an error by itself: {@code first} tries the next source, an optional field
 * stays empty, and only a required field reports it.
 */
record FeedValue(Object value, String missing) {

    static FeedValue of(Object value) {
        return new FeedValue(value, null);
    }

    static FeedValue absent(String why) {
        return new FeedValue(null, why);
    }

    boolean present() {
        return value != null;
    }
}
