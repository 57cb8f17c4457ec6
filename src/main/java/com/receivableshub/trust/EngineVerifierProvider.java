package com.receivableshub.trust;

import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Verifies with one public key in exactly one algorithm; any other algorithm a SignerInfo names is refused here,
 * so a signature cannot be steered to a weaker one. SM2 gets the signer ID explicitly, as in {@link EngineSigner}.
 * No certificate is associated: the service checks the certificate's validity itself, to give a precise reason.
 */
final class EngineVerifierProvider implements ContentVerifierProvider {

    private final SignatureSuite suite;
    private final PublicKey key;

    EngineVerifierProvider(SignatureSuite suite, PublicKey key) {
        this.suite = suite;
        this.key = key;
    }

    @Override
    public boolean hasAssociatedCertificate() {
        return false;
    }

    @Override
    public X509CertificateHolder getAssociatedCertificate() {
        return null;
    }

    @Override
    public ContentVerifier get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
        if (!suite.signatureOid.equals(algorithm.getAlgorithm())) {
            throw new OperatorCreationException("signature algorithm " + algorithm.getAlgorithm() + " is not "
                    + suite.jcaName);
        }
        Signature engine;
        try {
            engine = suite.newSignature();
            engine.initVerify(key);
        } catch (GeneralSecurityException e) {
            throw new OperatorCreationException("cannot verify with " + suite.jcaName + ": " + e.getMessage(), e);
        }
        return new ContentVerifier() {
            private final OutputStream stream = new SignatureStream(engine, "verifier");

            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return algorithm;
            }

            @Override
            public OutputStream getOutputStream() {
                return stream;
            }

            @Override
            public boolean verify(byte[] signature) {
                try {
                    return engine.verify(signature);
                } catch (SignatureException e) {
                    return false; // a malformed signature value is simply not a valid one
                }
            }
        };
    }
}
