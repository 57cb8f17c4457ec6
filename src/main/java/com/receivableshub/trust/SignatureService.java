package com.receivableshub.trust;

import com.receivableshub.model.Signature;
import java.security.cert.X509Certificate;

/**
 * Electronic signatures (电子签名) of the hub: outbound notices and instructions are signed, inbound signed
 * messages are verified against the sender's registered certificate.
 */
public interface SignatureService {

    /** Signs with the hub's own key, in the hub's default algorithm. */
    Signature sign(byte[] content);

    /** Signs with the given key, in its algorithm. */
    Signature sign(byte[] content, SigningKey key);

    /**
     * Checks that {@code signature} is over {@code content} and was made with the key of {@code registered}, the
     * certificate the sender registered. Never throws for bad input: the result says what is wrong.
     */
    Verification verify(byte[] content, Signature signature, X509Certificate registered);
}
