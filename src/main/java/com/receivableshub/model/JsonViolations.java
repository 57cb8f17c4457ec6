package com.receivableshub.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a Jackson read failure into a {@link Violation} a sender can act on, without Jackson's internals. */
public final class JsonViolations {

    private static final Pattern MISSING_CREATOR_PROPERTY =
            Pattern.compile("Missing required creator property '([^']+)'");

    private JsonViolations() {
    }

    /** The violation, with the field path under {@code prefix} (e.g. {@code payload.receivables[1].amount}). */
    public static Violation of(String prefix, JsonProcessingException e) {
        String path = pathOf(prefix, e);
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher missing = MISSING_CREATOR_PROPERTY.matcher(message);
        if (missing.find()) {
            // Jackson puts the missing property in the path itself, but not in every version
            String name = missing.group(1);
            boolean named = path.equals(name) || path.endsWith("." + name);
            return new Violation(named ? path : join(path, name), "is missing");
        }
        if (e instanceof UnrecognizedPropertyException) {
            return new Violation(path, "is not a known field");
        }
        if (e instanceof InvalidFormatException invalid) {
            return new Violation(path, "'" + invalid.getValue() + "' is not " + expected(invalid.getTargetType()));
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new Violation(path, "must be " + expected(mismatch.getTargetType()));
        }
        return new Violation(path, message.lines().findFirst().orElse("cannot be read"));
    }

    private static String pathOf(String prefix, JsonProcessingException e) {
        StringBuilder path = new StringBuilder(prefix);
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
        }
        return path.toString();
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == BigDecimal.class) {
            return "a number (CNY amount)";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == LocalDate.class) {
            return "a date (yyyy-MM-dd)";
        }
        if (type == OffsetDateTime.class) {
            return "a date-time with offset (yyyy-MM-ddTHH:mm:ss+08:00)";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return type.isRecord() ? "an object" : "a " + type.getSimpleName();
    }
}
