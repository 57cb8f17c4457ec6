package com.receivableshub.trust;

import com.receivableshub.model.Signature;
import com.receivableshub.participant.SignatureAlgorithm;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Detached CMS SignedData (RFC 5652), DER, base64: SM3withSM2 with the default signer ID
 * {@code 1234567812345678} (GB/T 32918, GM/T 0009), or SHA256withECDSA on P-256. Thread-safe.
 *
 * <p>Everything costly is built once and cached: per signing key a {@link CmsSigner} (the encoded certificate and
 * the fixed parts of the SignedData, pooled initialised engines), per registered certificate a {@link CmsVerifier}
 * (parsed certificate and key).
 */
public final class CmsSignatureService implements SignatureService {

    /** Keys and registered certificates are few (the hub's and the participants'); a bound keeps mistakes cheap. */
    private static final int CACHE_LIMIT = 1024;

    private final SigningKey hubKey;
    private final DigestCalculatorProvider digests;
    private final ConcurrentMap<SigningKey, CmsSigner> signers = new ConcurrentHashMap<>();
    private final ConcurrentMap<X509Certificate, CmsVerifier> verifiers = new ConcurrentHashMap<>();

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
        byte[] der = cached(signers, key, k -> new CmsSigner(k)).sign(content);
        return new Signature(key.algorithm().name(), Base64.getEncoder().encodeToString(der));
    }

    @Override
    public Verification verify(byte[] content, Signature signature, X509Certificate registered) {
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
        if (registered == null) {
            return Verification.invalid("the sender has no registered certificate");
        }
        CmsVerifier verifier;
        try {
            verifier = cached(verifiers, registered, c -> new CmsVerifier(c, digests));
        } catch (RuntimeException e) {
            return Verification.invalid("the registered certificate of the sender cannot be used: " + e.getMessage());
        }
        try {
            return verifier.verify(content, declared.get(), signature.value());
        } catch (RuntimeException e) {
            // Bouncy Castle reports some malformed structures only as runtime exceptions
            return Verification.invalid("signature is malformed: " + e.getMessage());
        }
    }

    private static Optional<SignatureAlgorithm> algorithm(String name) {
        for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
            if (algorithm.name().equals(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
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
}
