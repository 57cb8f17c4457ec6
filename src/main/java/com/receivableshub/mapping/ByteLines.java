package com.receivableshub.mapping;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines at LF, before decoding, so that bytes a charset cannot decode spoil only
 * their own line. Safe for the charsets a layout accepts (ASCII-compatible: a 0x0A byte is always LF).
 * One reusable buffer: a file is never held in memory, and a line longer than {@link #MAX_LINE} is skipped.
 */
final class ByteLines {

    /** No ERP record comes near this; a longer "line" is a binary or broken file and is refused, not buffered. */
    static final int MAX_LINE = 1 << 20;

    private static final byte LF = '\n';
    private static final byte CR = '\r';

    private final InputStream in;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;

    private long number;
    private int start;
    private int length;
    private int rawLength;
    private boolean tooLong;

    ByteLines(InputStream in) {
        this.in = in;
    }

    /** Advances to the next line; false at the end of the stream. */
    boolean next() throws IOException {
        int scanned = 0; // bytes after pos known to hold no LF; stays valid when fill() moves them
        while (true) {
            for (int i = pos + scanned; i < limit; i++) {
                if (buf[i] == LF) {
                    found(pos, i, i + 1);
                    pos = i + 1;
                    return true;
                }
            }
            scanned = limit - pos;
            if (eof) {
                if (pos < limit) {
                    found(pos, limit, limit);
                    pos = limit;
                    return true;
                }
                return false;
            }
            if (scanned >= MAX_LINE) {
                skipRestOfLine();
                return true;
            }
            fill();
        }
    }

    /** The first bytes of the stream, without consuming them (for the byte order mark). */
    boolean startsWith(byte[] prefix) throws IOException {
        while (limit - pos < prefix.length && !eof) {
            fill();
        }
        if (limit - pos < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf[pos + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    long number() {
        return number;
    }

    /** The buffer holding the current line; replaced when the buffer grows. */
    byte[] buffer() {
        return buf;
    }

    int start() {
        return start;
    }

    /** Bytes of the line without its CR LF or LF. */
    int length() {
        return length;
    }

    /** Bytes of the line as the stream has them, with its CR LF or LF (from {@link #start()}). */
    int rawLength() {
        return rawLength;
    }

    /** The line was longer than {@link #MAX_LINE}; its bytes are not available. */
    boolean tooLong() {
        return tooLong;
    }

    private void found(int from, int to, int rawEnd) {
        number++;
        start = from;
        int end = to > from && buf[to - 1] == CR ? to - 1 : to;
        length = end - from;
        rawLength = rawEnd - from;
        tooLong = false;
    }

    /** Moves the unread bytes to the front (growing the buffer if they fill it) and reads more. */
    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            byte[] bigger = new byte[Math.min(buf.length * 2, MAX_LINE + (1 << 16))];
            System.arraycopy(buf, 0, bigger, 0, limit);
            buf = bigger;
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    private void skipRestOfLine() throws IOException {
        number++;
        tooLong = true;
        start = 0;
        length = 0;
        rawLength = 0;
        while (true) {
            for (int i = pos; i < limit; i++) {
                if (buf[i] == LF) {
                    pos = i + 1;
                    return;
                }
            }
            pos = limit;
            if (eof) {
                return;
            }
            fill();
        }
    }
}
