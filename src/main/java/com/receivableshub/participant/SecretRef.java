package com.receivableshub.participant;

/**
 * A reference to a secret, never the secret itself: {@code env:NAME} (an environment variable) or
 * {@code file:path} (a file whose first line is the secret).
 */
public record SecretRef(Kind kind, String name) {

    public enum Kind { ENV, FILE }

    public static SecretRef parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        if (text.startsWith("env:") && text.length() > 4) {
            return new SecretRef(Kind.ENV, text.substring(4));
        }
        if (text.startsWith("file:") && text.length() > 5) {
            return new SecretRef(Kind.FILE, text.substring(5));
        }
        throw new IllegalArgumentException(field + " must be a reference 'env:NAME' or 'file:PATH', not a literal secret");
    }

    @Override
    public String toString() {
        return (kind == Kind.ENV ? "env:" : "file:") + name;
    }
}
