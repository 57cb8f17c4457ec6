package com.receivableshub.trust;

import com.receivableshub.participant.SignatureAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;

/** What each {@link SignatureAlgorithm} is in JCA names and ASN.1 identifiers: curve, digest, signature. */
enum SignatureSuite {

    SM2(SignatureAlgorithm.SM2, "sm2p256v1", GMObjectIdentifiers.sm2p256v1, "SM3withSM2",
            GMObjectIdentifiers.sm2sign_with_sm3, GMObjectIdentifiers.sm3),
    ECDSA_P256(SignatureAlgorithm.ECDSA_P256, "secp256r1", SECObjectIdentifiers.secp256r1, "SHA256withECDSA",
            X9ObjectIdentifiers.ecdsa_with_SHA256, NISTObjectIdentifiers.id_sha256);

    /** GB/T 32918 / GM/T 0009 default signer ID; both sides must hash the same ID into Z or nothing verifies. */
    static final byte[] SM2_SIGNER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

    final SignatureAlgorithm algorithm;
    final String curveName;
    final ASN1ObjectIdentifier curve;
    final String jcaName;
    final ASN1ObjectIdentifier signatureOid;
    final ASN1ObjectIdentifier digestOid;

    SignatureSuite(SignatureAlgorithm algorithm, String curveName, ASN1ObjectIdentifier curve, String jcaName,
                   ASN1ObjectIdentifier signatureOid, ASN1ObjectIdentifier digestOid) {
        this.algorithm = algorithm;
        this.curveName = curveName;
        this.curve = curve;
        this.jcaName = jcaName;
        this.signatureOid = signatureOid;
        this.digestOid = digestOid;
    }

    static SignatureSuite of(SignatureAlgorithm algorithm) {
        return algorithm == SignatureAlgorithm.SM2 ? SM2 : ECDSA_P256;
    }

    AlgorithmIdentifier signatureAlgorithmIdentifier() {
        return new AlgorithmIdentifier(signatureOid);
    }

    /** A fresh JCA signature engine; SM2 gets the signer ID explicitly rather than relying on the default. */
    Signature newSignature() throws GeneralSecurityException {
        Signature signature = Signature.getInstance(jcaName, BouncyCastle.PROVIDER);
        if (this == SM2) {
            signature.setParameter(new SM2ParameterSpec(SM2_SIGNER_ID));
        }
        return signature;
    }

    /** A fresh digest of the suite's algorithm (Bouncy Castle's lightweight one: no JCA provider look-up). */
    Digest newDigest() {
        return this == SM2 ? new SM3Digest() : new SHA256Digest();
    }

    KeyPair generateKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
        generator.initialize(new ECGenParameterSpec(curveName));
        return generator.generateKeyPair();
    }

    /** The suite of an EC public key on the SM2 or P-256 curve; empty for any other key. */
    static Optional<SignatureSuite> ofKey(SubjectPublicKeyInfo key) {
        AlgorithmIdentifier id = key.getAlgorithm();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(id.getAlgorithm())
                || !(id.getParameters() instanceof ASN1ObjectIdentifier named)) {
            return Optional.empty();
        }
        for (SignatureSuite suite : values()) {
            if (suite.curve.equals(named)) {
                return Optional.of(suite);
            }
        }
        return Optional.empty();
    }

    static Optional<SignatureSuite> ofCertificate(X509Certificate certificate) {
        try {
            return ofKey(Certificate.getInstance(certificate.getEncoded()).getSubjectPublicKeyInfo());
        } catch (CertificateEncodingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
