package com.receivableshub.model;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * CNY amounts: {@link BigDecimal} with exactly two decimals. Never built from a double, because a
 * financed amount must equal the confirmed amount to the fen (anti-fraud rule).
 */
public final class Money {

    public static final int SCALE = 2;

    /** Plain decimal text only: no sign other than '-', no exponent, no grouping, no blanks. */
    private static final Pattern TEXT = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]{1,2})?");

    /** Which sign an amount may have. Most amounts must be positive; adjustments may be negative. */
    public enum Sign { ANY, NON_NEGATIVE, POSITIVE }

    private Money() {
    }

    /** Parses "12.3" to 12.30; rejects "12.345", "1e3", "1,000.00", " 12". */
    public static BigDecimal of(String text) {
        return of("amount", text);
    }

    /** As {@link #of(String)}, naming the field in the exception. */
    public static BigDecimal of(String field, String text) {
        if (text == null || text.isEmpty()) {
            throw new ValidationException(field, "is missing");
        }
        if (!TEXT.matcher(text).matches()) {
            throw new ValidationException(field, "'" + text
                    + "' is not a CNY amount (digits, at most two decimals, no exponent or grouping)");
        }
        return new BigDecimal(text).setScale(SCALE);
    }

    /** The amount with scale 2, any sign allowed (adjustments). */
    public static BigDecimal check(String field, BigDecimal amount) {
        return require(field, amount, Sign.ANY);
    }

    /** The amount with scale 2; zero allowed, negative not. */
    public static BigDecimal checkNonNegative(String field, BigDecimal amount) {
        return require(field, amount, Sign.NON_NEGATIVE);
    }

    /** The amount with scale 2; must be above zero. */
    public static BigDecimal checkPositive(String field, BigDecimal amount) {
        return require(field, amount, Sign.POSITIVE);
    }

    /** Why the amount is not acceptable, or empty when it is. */
    public static Optional<String> problem(BigDecimal amount, Sign sign) {
        if (amount == null) {
            return Optional.of("is missing");
        }
        if (amount.scale() > SCALE) {
            return Optional.of(amount.toPlainString() + " has more than two decimals");
        }
        if (sign == Sign.POSITIVE && amount.signum() <= 0) {
            return Optional.of(amount.toPlainString() + " must be greater than zero");
        }
        if (sign == Sign.NON_NEGATIVE && amount.signum() < 0) {
            return Optional.of(amount.toPlainString() + " must not be negative");
        }
        return Optional.empty();
    }

    /** The two-decimal plain text of an amount, for files and XML. */
    public static String text(BigDecimal amount) {
        return check("amount", amount).toPlainString();
    }

    private static BigDecimal require(String field, BigDecimal amount, Sign sign) {
        problem(amount, sign).ifPresent(reason -> {
            throw new ValidationException(field, reason);
        });
        return amount.setScale(SCALE);
    }
}
