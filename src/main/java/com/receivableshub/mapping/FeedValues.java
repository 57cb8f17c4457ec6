package com.receivableshub.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.receivableshub.model.Money;
import com.receivableshub.model.ValidationException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** How the values a feed mapping finds become text, dates and amounts of canonical records. */
final class FeedValues {

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private FeedValues() {
    }

    /** A single value as text; {@code where} names its source in the reason when it is an object or a list. */
    static String text(Object value, String where) throws FeedValueException {
        if (value instanceof JsonNode node) {
            if (node.isObject() || node.isArray()) {
                throw new FeedValueException(where + " is " + (node.isArray() ? "a list" : "an object")
                        + ", not a single value");
            }
            if (node.isBigDecimal() || node.isDouble() || node.isFloat()) {
                return decimal(node).toPlainString();
            }
            return node.asText().trim();
        }
        if (value instanceof BigDecimal amount) {
            return amount.toPlainString();
        }
        return value.toString();
    }

    /**
     * The calendar date of an ISO 8601 date-time as the publisher wrote it, i.e. in the publisher's own offset:
     * OCDS writes a date-only fact (a signing date) as a time on that day, so converting the offset could move it
     * to the day before or after. A plain date is taken too.
     */
    static LocalDate date(String text, String where) throws FeedValueException {
        try {
            return OffsetDateTime.parse(text).toLocalDate();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(text).toLocalDate();
            } catch (DateTimeParseException notDateTime) {
                try {
                    return LocalDate.parse(text);
                } catch (DateTimeParseException e) {
                    throw new FeedValueException(where + " is " + Texts.quoted(text)
                            + ", not an ISO 8601 date-time such as 2025-02-28T10:00:00+08:00");
                }
            }
        }
    }

    /** A release date: a full date-time with its offset, because watermarks compare instants. */
    static OffsetDateTime dateTime(String text) throws FeedValueException {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new FeedValueException(Texts.quoted(text)
                    + " is not an ISO 8601 date-time with an offset, such as 2025-02-28T10:00:00+08:00");
        }
    }

    /**
     * An amount as the feed gives it, with two decimals: a JSON number, or text of plain decimal digits. More
     * decimals are refused unless they are zeros, since rounding would change what the debtor owes.
     */
    static BigDecimal amount(Object value, String where) throws FeedValueException {
        BigDecimal amount;
        if (value instanceof JsonNode node && node.isNumber()) {
            amount = decimal(node);
        } else {
            String text = text(value, where);
            if (!DECIMAL.matcher(text).matches()) {
                throw new FeedValueException(where + " is " + Texts.quoted(text) + ", not an amount such as 1234.56");
            }
            amount = new BigDecimal(text);
        }
        if (amount.scale() > Money.SCALE) {
            amount = amount.stripTrailingZeros();
        }
        try {
            return Money.check("amount", amount);
        } catch (ValidationException e) {
            throw new FeedValueException(where + " is " + amount.toPlainString() + ", which has more than two decimals");
        }
    }

    /** Exact for BigDecimal nodes; a double (from a tree not read with BigDecimal) by its shortest decimal text. */
    private static BigDecimal decimal(JsonNode node) {
        return node.isDouble() || node.isFloat() ? new BigDecimal(node.asText()) : node.decimalValue();
    }
}
