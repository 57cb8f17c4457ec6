package com.receivableshub.mapping;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * How an ERP writes CNY amounts: the separators ({@link Style}) and whether the number is yuan or fen.
 * Parsed by hand into a long of fen, never through floating point or a regex, because it runs for every
 * line of million-line files.
 */
public final class AmountFormat {

    /** Decimal and grouping separators. */
    public enum Style {
        /** 1234.56 */
        PLAIN('.', '\0'),
        /** 1,234.56 (or 1234.56) */
        GROUPED('.', ','),
        /** 1.234,56 (or 1234,56) */
        EUROPEAN(',', '.');

        private final char decimal;
        private final char group;

        Style(char decimal, char group) {
            this.decimal = decimal;
            this.group = group;
        }

        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Whether the number counts yuan (with up to two decimals) or fen (a whole number). */
    public enum Unit {
        YUAN, FEN;

        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** 10^16 yuan fit in a long of fen with room to spare; no real amount comes close. */
    private static final int MAX_YUAN_DIGITS = 16;

    private final Style style;
    private final Unit unit;
    private final String example;

    public AmountFormat(Style style, Unit unit) {
        this.style = style;
        this.unit = unit;
        this.example = format(new BigDecimal("1234.56")) + (unit == Unit.FEN ? " (fen)" : "");
    }

    public Style style() {
        return style;
    }

    public Unit unit() {
        return unit;
    }

    /**
     * The amount with scale 2. Accepts a leading '-', leading zeros, and decimals beyond the second when
     * they are zeros (ERPs often store four); refuses anything else, including a misplaced group separator.
     */
    BigDecimal parse(String text) throws ValueException {
        int n = text.length();
        int i = 0;
        boolean negative = n > 0 && text.charAt(0) == '-';
        if (negative) {
            i = 1;
        }
        long units = 0;
        int significant = 0;
        int digits = 0;
        int inGroup = 0;
        boolean grouped = false;
        boolean hasDecimals = false;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (units != 0 || c != '0') {
                    significant++;
                }
                units = units * 10 + (c - '0');
                digits++;
                inGroup++;
                if (significant > maxDigits()) {
                    throw new ValueException(Texts.quoted(text) + " is too large for an amount");
                }
            } else if (c == style.group && style.group != '\0') {
                // 1,234,567: one to three digits first, then groups of exactly three
                if (inGroup == 0 || inGroup > 3 || grouped && inGroup != 3) {
                    throw notAnAmount(text);
                }
                grouped = true;
                inGroup = 0;
            } else if (c == style.decimal && unit == Unit.YUAN) {
                hasDecimals = true;
                i++;
                break;
            } else {
                throw notAnAmount(text);
            }
        }
        if (digits == 0 || grouped && inGroup != 3) {
            throw notAnAmount(text);
        }
        long fen = units;
        if (unit == Unit.YUAN) {
            int cents = 0;
            int decimals = 0;
            boolean nonZeroBeyondFen = false;
            for (; i < n; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    throw notAnAmount(text);
                }
                if (decimals < 2) {
                    cents = cents * 10 + (c - '0');
                } else if (c != '0') {
                    nonZeroBeyondFen = true;
                }
                decimals++;
            }
            if (hasDecimals && decimals == 0) {
                throw notAnAmount(text);
            }
            if (nonZeroBeyondFen) {
                throw new ValueException(Texts.quoted(text) + " has more than two decimals");
            }
            fen = units * 100 + (decimals == 1 ? cents * 10 : cents);
        }
        return BigDecimal.valueOf(negative ? -fen : fen, 2);
    }

    /** The amount as this ERP would write it, e.g. for test files. */
    public String format(BigDecimal amount) {
        BigDecimal fen = amount.setScale(2).movePointRight(2);
        String sign = fen.signum() < 0 ? "-" : "";
        String digits = fen.abs().toBigIntegerExact().toString();
        String whole;
        String decimals;
        if (unit == Unit.FEN) {
            whole = digits;
            decimals = "";
        } else {
            String padded = digits.length() < 3 ? "0".repeat(3 - digits.length()) + digits : digits;
            whole = padded.substring(0, padded.length() - 2);
            decimals = style.decimal + padded.substring(padded.length() - 2);
        }
        if (style.group != '\0') {
            StringBuilder sb = new StringBuilder(whole.length() + whole.length() / 3);
            for (int i = 0; i < whole.length(); i++) {
                if (i > 0 && (whole.length() - i) % 3 == 0) {
                    sb.append(style.group);
                }
                sb.append(whole.charAt(i));
            }
            whole = sb.toString();
        }
        return sign + whole + decimals;
    }

    private int maxDigits() {
        return unit == Unit.FEN ? MAX_YUAN_DIGITS + 2 : MAX_YUAN_DIGITS;
    }

    private ValueException notAnAmount(String text) {
        return new ValueException(Texts.quoted(text) + " is not an amount in the form " + example);
    }

    @Override
    public String toString() {
        return style.yamlName() + " " + unit.yamlName();
    }
}
