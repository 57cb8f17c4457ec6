package com.receivableshub.trust;

import com.receivableshub.participant.SignatureAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Loads a {@link SigningKey}: a PEM private key (PKCS#8 {@code PRIVATE KEY} or OpenSSL's {@code EC PRIVATE KEY})
 * with a PEM certificate, or a PKCS#12 file with its password. The algorithm follows from the certificate's
 * curve, and the key is checked to belong to the certificate, so a mix-up fails at start-up, not at the first
 * signature a partner rejects. Every error names the file.
 */
public final class KeyMaterial {

    private static final byte[] PROBE = "receivables-hub key check".getBytes(StandardCharsets.US_ASCII);

    private KeyMaterial() {
    }

    public static SigningKey pem(Path keyFile, Path certificateFile) {
        PrivateKey key = readPrivateKey(keyFile);
        X509Certificate certificate = readCertificate(certificateFile);
        return bind(key, certificate, "key in '" + keyFile + "'", "certificate in '" + certificateFile + "'");
    }

    /** @param password the store's password, resolved by the caller from its {@code SecretRef} */
    public static SigningKey pkcs12(Path file, String password) {
        if (password == null) {
            throw new IllegalArgumentException("'" + file + "': no password given for the PKCS#12 file");
        }
        char[] secret = password.toCharArray();
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12", BouncyCastle.PROVIDER);
            store.load(in, secret);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("'" + file + "': PKCS#12 file not found", e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new IllegalArgumentException("'" + file + "': wrong password for the PKCS#12 file, or the file is damaged", e);
            }
            throw new IllegalArgumentException("'" + file + "' is not a readable PKCS#12 file: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("'" + file + "' is not a readable PKCS#12 file: " + e.getMessage(), e);
        }
        try {
            List<String> keyAliases = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keyAliases.add(alias);
                }
            }
            if (keyAliases.size() != 1) {
                throw new IllegalArgumentException("'" + file + "' holds " + keyAliases.size()
                        + " private keys " + keyAliases + "; the hub needs a file with exactly one");
            }
            String alias = keyAliases.get(0);
            Key key = store.getKey(alias, secret);
            Certificate certificate = store.getCertificate(alias);
            if (!(key instanceof PrivateKey privateKey) || !(certificate instanceof X509Certificate x509)) {
                throw new IllegalArgumentException("'" + file + "': entry '" + alias
                        + "' lacks a private key or its X.509 certificate");
            }
            return bind(privateKey, x509, "key in '" + file + "'", "certificate in '" + file + "'");
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException("'" + file + "': the key's password differs from the file's password", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("'" + file + "': cannot read its key: " + e.getMessage(), e);
        }
    }

    /** The first certificate of a PEM file, parsed by Bouncy Castle, which knows the SM2 curve. */
    public static X509Certificate readCertificate(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            CertificateFactory factory = CertificateFactory.getInstance("X.509", BouncyCastle.PROVIDER);
            Certificate certificate = factory.generateCertificate(in);
            if (!(certificate instanceof X509Certificate x509)) {
                throw new IllegalArgumentException("'" + file + "' holds no X.509 certificate");
            }
            return x509;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("'" + file + "': certificate file not found", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("'" + file + "' is not a readable X.509 certificate: " + e.getMessage(), e);
        }
    }

    /** The private key of a PEM file; other PEM blocks (such as OpenSSL's {@code EC PARAMETERS}) are skipped. */
    public static PrivateKey readPrivateKey(Path file) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BouncyCastle.PROVIDER);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser pem = new PEMParser(reader)) {
            for (Object item = pem.readObject(); item != null; item = pem.readObject()) {
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (item instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (item instanceof PKCS8EncryptedPrivateKeyInfo || item instanceof PEMEncryptedKeyPair) {
                    throw new IllegalArgumentException("'" + file + "' holds an encrypted private key; give an unencrypted"
                            + " PKCS#8 key readable by the hub only, or a PKCS#12 file with a password");
                }
            }
            throw new IllegalArgumentException("'" + file + "' holds no PEM private key"
                    + " (expected 'BEGIN PRIVATE KEY' or 'BEGIN EC PRIVATE KEY')");
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("'" + file + "': private key file not found", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("'" + file + "' is not a readable PEM private key: " + e.getMessage(), e);
        }
    }

    private static SigningKey bind(PrivateKey key, X509Certificate certificate, String keyName, String certificateName) {
        SignatureAlgorithm algorithm = SignatureSuite.ofCertificate(certificate)
                .orElseThrow(() -> new IllegalArgumentException(certificateName + ": its key is neither SM2 nor P-256"))
                .algorithm;
        if (!belongTogether(key, certificate, SignatureSuite.of(algorithm))) {
            throw new IllegalArgumentException(keyName + " does not belong to the " + certificateName
                    + " (" + CertificateNames.subject(certificate) + ")");
        }
        return new SigningKey(key, certificate, algorithm);
    }

    /** Sign and verify a probe: the one check that works the same for every key encoding. */
    private static boolean belongTogether(PrivateKey key, X509Certificate certificate, SignatureSuite suite) {
        try {
            java.security.Signature signer = suite.newSignature();
            signer.initSign(key);
            signer.update(PROBE);
            byte[] value = signer.sign();
            java.security.Signature verifier = suite.newSignature();
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(PROBE);
            return verifier.verify(value);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
