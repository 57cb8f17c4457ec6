package com.receivableshub.mapping;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.List;

/**
 * An ERP's date format, e.g. {@code yyyyMMdd}. Fixed-width numeric patterns (yyyy, MM, dd and
 * separators) are read by hand, the rest by a cached strict {@link DateTimeFormatter}: parsing runs for
 * every date cell of million-line files.
 */
public final class DatePattern {

    /** Dates a pattern must write and read back unchanged to be accepted: the last day of a year, a leap day. */
    private static final List<LocalDate> PROBES = List.of(
            LocalDate.of(2025, 12, 31), LocalDate.of(2024, 2, 29), LocalDate.of(2026, 1, 5));

    private final String pattern;
    private final DateTimeFormatter formatter;
    /** For the fast path: per character, 'y', 'M', 'd' for a digit of that field, or the literal; null if none. */
    private final char[] fixed;

    private DatePattern(String pattern, DateTimeFormatter formatter, char[] fixed) {
        this.pattern = pattern;
        this.formatter = formatter;
        this.fixed = fixed;
    }

    /** The pattern, or an IllegalArgumentException saying why it cannot read dates. */
    public static DatePattern of(String pattern) {
        DateTimeFormatter formatter;
        try {
            // STRICT rejects 2025-02-30; the default era lets 'yyyy' resolve without a 'G' in the pattern
            formatter = new DateTimeFormatterBuilder().appendPattern(pattern)
                    .parseDefaulting(ChronoField.ERA, 1)
                    .toFormatter()
                    .withResolverStyle(ResolverStyle.STRICT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + pattern + "' is not a date pattern: " + e.getMessage());
        }
        for (LocalDate probe : PROBES) {
            try {
                if (!formatter.parse(formatter.format(probe), LocalDate::from).equals(probe)) {
                    throw new DateTimeException("reads back another date");
                }
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("'" + pattern + "' does not read back a whole date (year, month"
                        + " and day, e.g. yyyyMMdd; yyyy is the year, YYYY the week-based year)");
            }
        }
        return new DatePattern(pattern, formatter, fixedWidth(pattern));
    }

    public String pattern() {
        return pattern;
    }

    /** The date as this ERP writes it. */
    public String format(LocalDate date) {
        return formatter.format(date);
    }

    LocalDate parse(String text) throws ValueException {
        if (fixed != null) {
            return parseFixed(text);
        }
        try {
            return formatter.parse(text, LocalDate::from);
        } catch (DateTimeException e) {
            throw notADate(text);
        }
    }

    private LocalDate parseFixed(String text) throws ValueException {
        if (text.length() != fixed.length) {
            throw notADate(text);
        }
        int year = 0;
        int month = 0;
        int day = 0;
        for (int i = 0; i < fixed.length; i++) {
            char c = text.charAt(i);
            char f = fixed[i];
            if (f == 'y' || f == 'M' || f == 'd') {
                if (c < '0' || c > '9') {
                    throw notADate(text);
                }
                int digit = c - '0';
                if (f == 'y') {
                    year = year * 10 + digit;
                } else if (f == 'M') {
                    month = month * 10 + digit;
                } else {
                    day = day * 10 + digit;
                }
            } else if (c != f) {
                throw notADate(text);
            }
        }
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            throw notADate(text);
        }
        return LocalDate.of(year, month, day);
    }

    private ValueException notADate(String text) {
        return new ValueException(Texts.quoted(text) + " is not a date of the form " + pattern);
    }

    /** The fast-path plan when the pattern is exactly yyyy (or uuuu), MM, dd and non-letter literals. */
    private static char[] fixedWidth(String pattern) {
        char[] plan = new char[pattern.length()];
        int years = 0;
        int months = 0;
        int days = 0;
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            int run = 1;
            while (i + run < pattern.length() && pattern.charAt(i + run) == c) {
                run++;
            }
            if ((c == 'y' || c == 'u') && run == 4) {
                years++;
                c = 'y';
            } else if (c == 'M' && run == 2) {
                months++;
            } else if (c == 'd' && run == 2) {
                days++;
            } else if (Character.isLetter(c) || c == '\'' || c == '[' || c == ']' || c == '#' || c == '{' || c == '}') {
                return null;
            }
            for (int k = 0; k < run; k++) {
                plan[i + k] = c;
            }
            i += run;
        }
        return years == 1 && months == 1 && days == 1 ? plan : null;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
