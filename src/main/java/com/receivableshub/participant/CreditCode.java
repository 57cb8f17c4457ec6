package com.receivableshub.participant;

import java.util.Optional;

/**
 * The 18-character unified social credit code (统一社会信用代码, GB 32100-2015) that identifies every party.
 */
public final class CreditCode {

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    /** Each character's value in the alphabet, -1 for any other: a file of a million lines checks two codes a line. */
    private static final int[] VALUE = new int[128];

    static {
        java.util.Arrays.fill(VALUE, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUE[ALPHABET.charAt(i)] = i;
        }
    }

    private static int value(char c) {
        return c < 128 ? VALUE[c] : -1;
    }

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
        int sum = 0;
        for (int i = 0; i < 18; i++) {
            int value = value(code.charAt(i));
            if (value < 0) {
                return Optional.of("character '" + code.charAt(i) + "' at position " + (i + 1)
                        + " is not in the GB 32100 alphabet");
            }
            if (i < 17) {
                sum += value * WEIGHTS[i];
            }
        }
        char expected = check(sum);
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
            int value = value(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("character '" + first17.charAt(i) + "' is not in the GB 32100 alphabet");
            }
            sum += value * WEIGHTS[i];
        }
        return check(sum);
    }

    private static char check(int weightedSum) {
        int check = 31 - (weightedSum % 31);
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
