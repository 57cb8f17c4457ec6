package com.receivableshub.participant;

import java.util.Optional;

/**
 * The 18-character unified social credit code (统一社会信用代码, GB 32100-2015) that identifies every party.
 */
public final class CreditCode {

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCode() {
    }

    public static boolean isValid(String code) {
        return problem(code).isEmpty();
    }

    /** Why the code is not valid, or empty when it is. */
    public static Optional<String> problem(String code) {
        if (code == null || code.isEmpty()) {
            return Optional.of("is missing");
        }
        if (code.length() != 18) {
            return Optional.of("must have 18 characters, has " + code.length());
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return Optional.of("character '" + code.charAt(i) + "' at position " + (i + 1)
                        + " is not in the GB 32100 alphabet");
            }
        }
        char expected = checkCharacter(code.substring(0, 17));
        if (code.charAt(17) != expected) {
            return Optional.of("check character is '" + code.charAt(17) + "', GB 32100 requires '" + expected + "'");
        }
        return Optional.empty();
    }

    /** The check character for the first 17 characters of a code. */
    public static char checkCharacter(String first17) {
        if (first17.length() != 17) {
            throw new IllegalArgumentException("need 17 characters, got " + first17.length());
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = ALPHABET.indexOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("character '" + first17.charAt(i) + "' is not in the GB 32100 alphabet");
            }
            sum += value * WEIGHTS[i];
        }
        int check = 31 - (sum % 31);
        return ALPHABET.charAt(check == 31 ? 0 : check);
    }

    /** Throws when the code is invalid, naming the field it came from. */
    public static String require(String field, String code) {
        problem(code).ifPresent(p -> {
            throw new IllegalArgumentException(field + " '" + code + "' " + p);
        });
        return code;
    }
}
