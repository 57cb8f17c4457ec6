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

    public static String sm3(String text) {
        return sm3(text.getBytes(StandardCharsets.UTF_8));
    }
}
