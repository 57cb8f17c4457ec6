package com.receivableshub.trust;

import com.receivableshub.participant.SignatureAlgorithm;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A private key with the certificate that vouches for it and the algorithm it signs in. Load one with
 * {@link KeyMaterial}; the constructor checks that the certificate's key is on the algorithm's curve.
 */
public record SigningKey(PrivateKey privateKey, X509Certificate certificate, SignatureAlgorithm algorithm) {

    public SigningKey {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(algorithm, "algorithm");
        SignatureSuite suite = SignatureSuite.ofCertificate(certificate).orElseThrow(() -> new IllegalArgumentException(
                "certificate of " + subject(certificate) + " has neither an SM2 nor a P-256 key"));
        if (suite.algorithm != algorithm) {
            throw new IllegalArgumentException("certificate of " + subject(certificate) + " holds an " + suite.algorithm
                    + " key, not " + algorithm);
        }
    }

    /** The certificate's subject, for messages. */
    public String subject() {
        return subject(certificate);
    }

    /**
     * From the certificate only: Bouncy Castle's EC private key hashes by re-encoding itself (hundreds of
     * microseconds), and the signature service looks keys up on every signature. Consistent with {@code equals}:
     * equal keys have equal certificates.
     */
    @Override
    public int hashCode() {
        return certificate.hashCode() * 31 + algorithm.hashCode();
    }

    /** Never prints the key: records print every component, and this one ends up in logs. */
    @Override
    public String toString() {
        return "SigningKey[" + algorithm + ", " + subject() + "]";
    }

    private static String subject(X509Certificate certificate) {
        return CertificateNames.subject(certificate);
    }
}
