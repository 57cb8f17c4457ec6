package com.receivableshub.mapping;

import java.util.Arrays;

/**
 * Splits one decoded line into fields, RFC 4180 style: a field may be quoted, a quote inside it is doubled,
 * and a delimiter inside quotes is text. A quote inside an unquoted field is taken literally (ERPs write
 * 5" pipes). Works on offsets into the line; strings are made only for the cells that are read.
 * A record is one line: a line break inside quotes is not supported, so a broken quote spoils one line only.
 */
final class FieldSplitter {

    private final char delimiter;
    private final char quote;

    private char[] chars;
    private int count;
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private boolean[] quoted = new boolean[32];
    private boolean[] escaped = new boolean[32];
    private String error;

    /** @param quote the quote character, {@code '\0'} for none */
    FieldSplitter(char delimiter, char quote) {
        this.delimiter = delimiter;
        this.quote = quote;
    }

    /** Splits {@code chars[0, n)}; false when quotes are broken, with the reason in {@link #error()}. */
    boolean split(char[] line, int n) {
        chars = line;
        count = 0;
        error = null;
        int i = 0;
        while (true) {
            int j = skipBlanks(i, n);
            if (quote != '\0' && j < n && chars[j] == quote) {
                int open = j + 1;
                boolean doubled = false;
                j = open;
                while (true) {
                    if (j >= n) {
                        error = "the quote opened in column " + (count + 1) + " is not closed";
                        return false;
                    }
                    if (chars[j] == quote) {
                        if (j + 1 < n && chars[j + 1] == quote) {
                            doubled = true;
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                add(open, j, true, doubled);
                j = skipBlanks(j + 1, n);
                if (j < n && chars[j] != delimiter) {
                    error = "column " + count + " has text after its closing quote";
                    return false;
                }
            } else {
                j = i;
                while (j < n && chars[j] != delimiter) {
                    j++;
                }
                add(i, j, false, false);
            }
            if (j >= n) {
                return true;
            }
            i = j + 1;
            if (i == n) {
                // a trailing delimiter leaves an empty last field; the reader decides whether it counts
                add(n, n, false, false);
                return true;
            }
        }
    }

    String error() {
        return error;
    }

    int count() {
        return count;
    }

    /** Whether field k holds nothing but blanks and was not quoted. */
    boolean isEmpty(int k) {
        return !quoted[k] && trimStart(k) == trimEnd(k);
    }

    /** Field k without surrounding blanks, doubled quotes undone; "" when empty. */
    String text(int k) {
        int s = trimStart(k);
        int e = trimEnd(k);
        if (s >= e) {
            return "";
        }
        if (!escaped[k]) {
            return new String(chars, s, e - s);
        }
        StringBuilder sb = new StringBuilder(e - s);
        for (int i = s; i < e; i++) {
            sb.append(chars[i]);
            if (chars[i] == quote) {
                i++;
            }
        }
        return sb.toString();
    }

    private int trimStart(int k) {
        int s = starts[k];
        int e = ends[k];
        while (s < e && isBlank(chars[s])) {
            s++;
        }
        return s;
    }

    private int trimEnd(int k) {
        int s = starts[k];
        int e = ends[k];
        while (e > s && isBlank(chars[e - 1])) {
            e--;
        }
        return e;
    }

    private int skipBlanks(int i, int n) {
        while (i < n && chars[i] != delimiter && isBlank(chars[i])) {
            i++;
        }
        return i;
    }

    /** Space, tab and the ideographic space that Chinese input methods type. */
    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\u3000';
    }

    private void add(int start, int end, boolean isQuoted, boolean isEscaped) {
        if (count == starts.length) {
            int size = count * 2;
            starts = Arrays.copyOf(starts, size);
            ends = Arrays.copyOf(ends, size);
            quoted = Arrays.copyOf(quoted, size);
            escaped = Arrays.copyOf(escaped, size);
        }
        starts[count] = start;
        ends[count] = end;
        quoted[count] = isQuoted;
        escaped[count] = isEscaped;
        count++;
    }
}
