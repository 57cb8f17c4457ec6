package com.receivableshub.trust;

import com.receivableshub.model.Signature;
import com.receivableshub.participant.SignatureAlgorithm;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerId;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Store;
import org.bouncycastle.util.encoders.Hex;

/**
 * Detached CMS SignedData (RFC 5652), DER then base64, with signed attributes (content type, message digest,
 * signing time, algorithm protection) and the signer's certificate; SM3withSM2 with the default signer ID, or
 * SHA256withECDSA on P-256. Thread-safe.
 *
 * <p>Everything costly is built once per key or per registered certificate and cached: parsed keys, the
 * certificate store, and initialised signature engines (pooled, since an engine serves one thread at a time).
 */
public final class CmsSignatureService implements SignatureService {

    /** Keys and registered certificates are few (the hub's and the participants'); a bound keeps mistakes cheap. */
    private static final int CACHE_LIMIT = 1024;

    private final SigningKey hubKey;
    private final DigestCalculatorProvider digests;
    private final ConcurrentMap<SigningKey, KeySigner> signers = new ConcurrentHashMap<>();
    private final ConcurrentMap<X509Certificate, Registered> registered = new ConcurrentHashMap<>();

    /** @param hubKey the hub's own key; its algorithm is the hub's default */
    public CmsSignatureService(SigningKey hubKey) {
        this.hubKey = Objects.requireNonNull(hubKey, "hubKey");
        try {
            this.digests = new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("Bouncy Castle digests are unavailable", e);
        }
    }

    public SignatureAlgorithm defaultAlgorithm() {
        return hubKey.algorithm();
    }

    @Override
    public Signature sign(byte[] content) {
        return sign(content, hubKey);
    }

    @Override
    public Signature sign(byte[] content, SigningKey key) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(key, "key");
        byte[] der = cached(signers, key, KeySigner::new).sign(content);
        return new Signature(key.algorithm().name(), Base64.getEncoder().encodeToString(der));
    }

    @Override
    public Verification verify(byte[] content, Signature signature, X509Certificate registeredCertificate) {
        if (signature == null || signature.value() == null || signature.value().isBlank()) {
            return Verification.invalid("unsigned");
        }
        Optional<SignatureAlgorithm> declared = algorithm(signature.algorithm());
        if (declared.isEmpty()) {
            return Verification.invalid("algorithm '" + signature.algorithm() + "' is not SM2 or ECDSA_P256");
        }
        if (content == null) {
            return Verification.invalid("no content to verify");
        }
        if (registeredCertificate == null) {
            return Verification.invalid("the sender has no registered certificate");
        }
        try {
            return verify(content, declared.get(), signature.value(),
                    cached(registered, registeredCertificate, Registered::new));
        } catch (RuntimeException e) {
            // Bouncy Castle reports some malformed structures only as runtime exceptions
            return Verification.invalid("signature is malformed: " + e.getMessage());
        }
    }

    private Verification verify(byte[] content, SignatureAlgorithm declared, String value, Registered sender) {
        if (sender.suite == null) {
            return Verification.invalid("the registered certificate of the sender holds neither an SM2 nor a P-256 key");
        }
        if (sender.suite.algorithm != declared) {
            return Verification.invalid("algorithm " + declared + " does not match the registered certificate of the"
                    + " sender, which holds an " + sender.suite.algorithm + " key");
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return Verification.invalid("not a CMS SignedData: not base64");
        }
        ContentInfo contentInfo;
        SignedData signedData;
        try {
            // fromByteArray refuses trailing bytes: nothing may ride along unsigned after the structure
            contentInfo = ContentInfo.getInstance(ASN1Primitive.fromByteArray(der));
            if (contentInfo == null || !CMSObjectIdentifiers.signedData.equals(contentInfo.getContentType())) {
                return Verification.invalid("not a CMS SignedData: content type is "
                        + (contentInfo == null ? "missing" : contentInfo.getContentType()));
            }
            signedData = SignedData.getInstance(contentInfo.getContent());
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            return Verification.invalid("not a CMS SignedData: " + e.getMessage());
        }
        if (signedData.getEncapContentInfo().getContent() != null) {
            return Verification.invalid("not a detached signature: the SignedData carries content of its own");
        }
        if (!CMSObjectIdentifiers.data.equals(signedData.getEncapContentInfo().getContentType())) {
            return Verification.invalid("signed content type is " + signedData.getEncapContentInfo().getContentType()
                    + ", not data");
        }
        CMSSignedData cms;
        try {
            cms = new CMSSignedData(new CMSProcessableByteArray(content), contentInfo);
        } catch (CMSException e) {
            return Verification.invalid("not a CMS SignedData: " + e.getMessage());
        }
        Collection<SignerInformation> signerInfos = cms.getSignerInfos().getSigners();
        if (signerInfos.size() != 1) {
            return Verification.invalid("expected exactly one signer, found " + signerInfos.size());
        }
        SignerInformation signer = signerInfos.iterator().next();
        if (!sender.suite.signatureOid.getId().equals(signer.getEncryptionAlgOID())
                || !sender.suite.digestOid.getId().equals(signer.getDigestAlgOID())) {
            return Verification.invalid("algorithm " + declared + " is declared, but the signer used signature "
                    + signer.getEncryptionAlgOID() + " with digest " + signer.getDigestAlgOID());
        }
        // Against signature wrapping: whatever certificate the signer points to must be the registered one,
        // and the signature is checked with the registered key, never with a key taken from the message.
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> carried = cms.getCertificates().getMatches(signer.getSID());
        for (X509CertificateHolder certificate : carried) {
            if (!Arrays.equals(encoded(certificate), sender.encoded)) {
                return Verification.invalid("signed by " + CertificateNames.subject(certificate.getSubject())
                        + ", not by the registered certificate of the sender");
            }
        }
        if (carried.isEmpty() && !signer.getSID().match(sender.holder)) {
            SignerId sid = signer.getSID();
            String who = sid.getIssuer() != null
                    ? "certificate " + sid.getSerialNumber().toString(16) + " of " + CertificateNames.subject(sid.getIssuer())
                    : "key " + Hex.toHexString(sid.getSubjectKeyIdentifier());
            return Verification.invalid("signed by " + who + ", not by the registered certificate of the sender");
        }
        try {
            if (!signer.verify(sender.verifier)) {
                return Verification.invalid("signature does not match the content");
            }
        } catch (CMSSignerDigestMismatchException e) {
            return Verification.invalid("signature does not match the content");
        } catch (CMSException e) {
            return Verification.invalid("signature is malformed: " + e.getMessage());
        }
        return validity(signer, sender);
    }

    /** At the signing time the signer claims, or now without one; a claimed time is only as good as the signer. */
    private static Verification validity(SignerInformation signer, Registered sender) {
        AttributeTable attributes = signer.getSignedAttributes();
        Attribute signingTime = attributes == null ? null : attributes.get(CMSAttributes.signingTime);
        Date at = signingTime == null ? new Date() : Time.getInstance(signingTime.getAttrValues().getObjectAt(0)).getDate();
        String when = signingTime == null ? "now" : "at signing time " + at.toInstant();
        if (at.before(sender.notBefore)) {
            return Verification.invalid("certificate not yet valid " + when + " (valid from " + sender.notBefore.toInstant() + ")");
        }
        if (at.after(sender.notAfter)) {
            return Verification.invalid("certificate expired " + when + " (valid until " + sender.notAfter.toInstant() + ")");
        }
        return Verification.ok();
    }

    private static Optional<SignatureAlgorithm> algorithm(String name) {
        for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
            if (algorithm.name().equals(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    private static byte[] encoded(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    private static <K, V> V cached(ConcurrentMap<K, V> cache, K key, Function<K, V> create) {
        V value = cache.get(key);
        if (value != null) {
            return value;
        }
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        return cache.computeIfAbsent(key, create);
    }

    /** One key's certificate store and pool of ready signer-info generators. */
    private final class KeySigner {
        private final SigningKey key;
        private final SignatureSuite suite;
        private final X509CertificateHolder certificate;
        private final Store<X509CertificateHolder> certificates;
        private final Queue<SignerInfoGenerator> idle = new ConcurrentLinkedQueue<>();

        KeySigner(SigningKey key) {
            this.key = key;
            this.suite = SignatureSuite.of(key.algorithm());
            try {
                this.certificate = new X509CertificateHolder(key.certificate().getEncoded());
                this.certificates = new JcaCertStore(List.of(certificate));
            } catch (IOException | CertificateEncodingException e) {
                throw new IllegalArgumentException("certificate of " + key.subject() + " cannot be encoded", e);
            }
        }

        byte[] sign(byte[] content) {
            SignerInfoGenerator generator = idle.poll();
            try {
                if (generator == null) {
                    generator = new SignerInfoGeneratorBuilder(digests)
                            .build(new EngineSigner(suite, key.privateKey()), certificate);
                }
                CMSSignedDataGenerator cms = new CMSSignedDataGenerator();
                cms.setDefiniteLengthEncoding(true);
                cms.addSignerInfoGenerator(generator);
                cms.addCertificates(certificates);
                byte[] der = cms.generate(new CMSProcessableByteArray(content), false).getEncoded(ASN1Encoding.DL);
                idle.offer(generator); // only after success: a failed engine may hold half a computation
                return der;
            } catch (CMSException | IOException | OperatorCreationException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot sign with the key of " + key.subject() + ": " + e.getMessage(), e);
            }
        }
    }

    /** A registered certificate, parsed once: its bytes, key, algorithm, validity and a ready verifier. */
    private final class Registered {
        private final byte[] encoded;
        private final X509CertificateHolder holder;
        private final SignatureSuite suite;
        private final SignerInformationVerifier verifier;
        private final Date notBefore;
        private final Date notAfter;

        Registered(X509Certificate certificate) {
            try {
                this.encoded = certificate.getEncoded();
                this.holder = new X509CertificateHolder(encoded);
                this.suite = SignatureSuite.ofKey(holder.getSubjectPublicKeyInfo()).orElse(null);
                if (suite == null) {
                    this.verifier = null;
                } else {
                    // parsed by Bouncy Castle: the JDK does not know the SM2 curve
                    PublicKey key = KeyFactory.getInstance("EC", BouncyCastle.PROVIDER)
                            .generatePublic(new X509EncodedKeySpec(holder.getSubjectPublicKeyInfo().getEncoded()));
                    this.verifier = new SignerInformationVerifier(new DefaultCMSSignatureAlgorithmNameGenerator(),
                            new DefaultSignatureAlgorithmIdentifierFinder(), new EngineVerifierProvider(suite, key), digests);
                }
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException("registered certificate cannot be read: " + e.getMessage(), e);
            }
            this.notBefore = certificate.getNotBefore();
            this.notAfter = certificate.getNotAfter();
        }
    }
}
