package com.receivableshub.trust;

/**
 * The outcome of checking a signature: valid, or why not, in words fit for an error report to the sender
 * and for the audit log.
 */
public record Verification(boolean valid, String reason) {

    private static final Verification VALID = new Verification(true, "valid");

    public static Verification ok() {
        return VALID;
    }

    public static Verification invalid(String reason) {
        return new Verification(false, reason);
    }
}
