package com.receivableshub.trust;

import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.RuntimeOperatorException;

/**
 * A {@link ContentSigner} over one JCA engine, initialised once. Bouncy Castle's own builder cannot take an
 * {@code SM2ParameterSpec}, and initialising per signature would recompute the SM2 public point and Z value
 * each time, halving throughput. Not thread-safe: one thread at a time, as the CMS generator uses it.
 */
final class EngineSigner implements ContentSigner {

    private final AlgorithmIdentifier algorithm;
    private final Signature engine;
    private final OutputStream stream;

    EngineSigner(SignatureSuite suite, PrivateKey key) throws GeneralSecurityException {
        this.algorithm = suite.signatureAlgorithmIdentifier();
        this.engine = suite.newSignature();
        engine.initSign(key);
        this.stream = new SignatureStream(engine, "signature");
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm;
    }

    @Override
    public OutputStream getOutputStream() {
        return stream;
    }

    @Override
    public byte[] getSignature() {
        try {
            return engine.sign();
        } catch (SignatureException e) {
            throw new RuntimeOperatorException("cannot sign: " + e.getMessage(), e);
        }
    }
}
