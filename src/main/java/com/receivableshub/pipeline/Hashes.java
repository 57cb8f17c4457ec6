package com.receivableshub.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SM3Digest;

/** SM3 (GB/T 32905) digests, hex-encoded, as the ledger stores them. */
public final class Hashes {

    private Hashes() {
    }

    public static String sm3(byte[] bytes) {
        SM3Digest digest = new SM3Digest();
        digest.update(bytes, 0, bytes.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }

    /** An output stream that hashes what is written to it, for what need not be kept: {@link #hex()} at the end. */
    public static Sm3Stream sm3Stream() {
        return new Sm3Stream();
    }

    /** See {@link #sm3Stream()}. */
    public static final class Sm3Stream extends java.io.OutputStream {

        private final SM3Digest digest = new SM3Digest();

        private Sm3Stream() {
        }

        @Override
        public void write(int b) {
            digest.update((byte) b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            digest.update(bytes, offset, length);
        }

        /** The SM3 of everything written, hex-encoded as {@link Hashes#sm3(byte[])} gives it. */
        public String hex() {
            byte[] out = new byte[digest.getDigestSize()];
            digest.doFinal(out, 0);
            return HexFormat.of().formatHex(out);
        }
    }

    public static String sm3(String text) {
        return sm3(text.getBytes(StandardCharsets.UTF_8));
    }
}
