package com.receivableshub.trust;

import com.receivableshub.participant.CreditCode;
import com.receivableshub.participant.SignatureAlgorithm;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.interfaces.ECPrivateKey;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * The test and demo certificate authority. {@link #generate} writes, in one folder, an SM2 CA ({@code ca.cert.pem},
 * {@code ca.key.pem}), a P-256 CA when an ECDSA subject asks for one ({@code ca-ecdsa.cert.pem},
 * {@code ca-ecdsa.key.pem}), and for each subject {@code <credit code>.key.pem} (PKCS#8) and
 * {@code <credit code>.cert.pem} issued by the CA of its algorithm: subject {@code C=CN, CN=<name>,
 * SERIALNUMBER=<credit code>}, 10 years, key usage digitalSignature and nonRepudiation. Files that exist are kept,
 * so a second run changes nothing; key files are readable by their owner only. Production keys come from a real
 * CA, not from here.
 *
 * <p>The same with OpenSSL 3 (SM2; for P-256 use {@code -algorithm EC -pkeyopt ec_paramgen_curve:P-256},
 * {@code -sha256} and no distid options):
 * <pre>
 * openssl genpkey -algorithm SM2 -out ca.key.pem
 * openssl req -new -x509 -key ca.key.pem -sm3 -sigopt distid:1234567812345678 -days 7300 \
 *   -subj "/C=CN/O=receivables-hub/CN=receivables-hub demo CA (SM2)" \
 *   -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign -out ca.cert.pem
 * openssl genpkey -algorithm SM2 -out CODE.key.pem
 * openssl req -new -key CODE.key.pem -sm3 -sigopt distid:1234567812345678 \
 *   -subj "/C=CN/CN=NAME/serialNumber=CODE" -out CODE.csr.pem
 * printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n' &gt; ee.ext
 * openssl x509 -req -in CODE.csr.pem -CA ca.cert.pem -CAkey ca.key.pem -CAcreateserial -days 3650 -extfile ee.ext \
 *   -sm3 -sigopt distid:1234567812345678 -vfyopt distid:1234567812345678 -out CODE.cert.pem
 * openssl verify -vfyopt distid:1234567812345678 -CAfile ca.cert.pem CODE.cert.pem
 * </pre>
 */
public final class Pki {

    public static final String CA_CERTIFICATE = "ca.cert.pem";
    public static final String CA_KEY = "ca.key.pem";
    public static final String ECDSA_CA_CERTIFICATE = "ca-ecdsa.cert.pem";
    public static final String ECDSA_CA_KEY = "ca-ecdsa.key.pem";

    static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(3652);
    /** Longer than what it issues, so a certificate issued late in the CA's life does not outlive it. */
    static final Duration CA_VALIDITY = Duration.ofDays(7305);
    /** Back-dated a little: a partner whose clock is behind must not see a certificate "not yet valid". */
    private static final Duration CLOCK_SKEW = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Who gets a key and certificate. */
    public record Subject(String name, String creditCode, SignatureAlgorithm algorithm) {
        public Subject {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("subject name is missing");
            }
            // the code names the files, so it must be a valid one (no path characters)
            CreditCode.require("credit code of " + name, creditCode);
            Objects.requireNonNull(algorithm, "algorithm");
        }
    }

    private Pki() {
    }

    public static Path keyFile(Path dir, String creditCode) {
        return dir.resolve(CreditCode.require("credit code", creditCode) + ".key.pem");
    }

    public static Path certificateFile(Path dir, String creditCode) {
        return dir.resolve(CreditCode.require("credit code", creditCode) + ".cert.pem");
    }

    public static Path caCertificateFile(Path dir, SignatureAlgorithm algorithm) {
        return dir.resolve(algorithm == SignatureAlgorithm.SM2 ? CA_CERTIFICATE : ECDSA_CA_CERTIFICATE);
    }

    /** The subject's key and certificate as written by {@link #generate}. */
    public static SigningKey load(Path dir, String creditCode) {
        return KeyMaterial.pem(keyFile(dir, creditCode), certificateFile(dir, creditCode));
    }

    /**
     * Writes what is missing in {@code dir} and returns the files written, in order; an empty list when everything
     * was there. Fails, naming the file, when an existing file contradicts the request.
     */
    public static List<Path> generate(Path dir, List<Subject> subjects) {
        Map<String, Subject> byCode = new LinkedHashMap<>();
        for (Subject subject : subjects) {
            Subject other = byCode.putIfAbsent(subject.creditCode(), subject);
            if (other != null && other.algorithm() != subject.algorithm()) {
                throw new IllegalArgumentException("credit code " + subject.creditCode() + " is asked for both "
                        + other.algorithm() + " and " + subject.algorithm());
            }
        }
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            // The authorities first, then every subject: each step's keys and certificates are made in parallel.
            List<SignatureSuite> suites = new ArrayList<>(List.of(SignatureSuite.SM2));
            if (byCode.values().stream().anyMatch(s -> s.algorithm() == SignatureAlgorithm.ECDSA_P256)) {
                suites.add(SignatureSuite.ECDSA_P256);
            }
            List<Made> made = Parallel.map(suites, suite -> {
                List<Path> files = new ArrayList<>();
                return new Made(authority(dir, suite, files), files);
            });
            Map<SignatureAlgorithm, Authority> authorities = new LinkedHashMap<>();
            for (int i = 0; i < suites.size(); i++) {
                authorities.put(suites.get(i).algorithm, made.get(i).authority());
                written.addAll(made.get(i).files());
            }
            for (List<Path> files : Parallel.map(List.copyOf(byCode.values()), subject -> {
                List<Path> subjectFiles = new ArrayList<>();
                subject(dir, subject, authorities.get(subject.algorithm()), subjectFiles);
                return subjectFiles;
            })) {
                written.addAll(files);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write in '" + dir + "': " + e.getMessage(), e);
        }
        return List.copyOf(written);
    }

    /** An end-entity or CA certificate for {@code key}, issued by {@code issuer}. */
    static X509Certificate issue(X500Name subject, PublicKey key, SigningKey issuer, Instant notBefore,
                                 Instant notAfter, boolean authority) {
        X500Name issuerName = X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
        return build(subject, key, issuerName, issuer.certificate().getPublicKey(), issuer.privateKey(),
                SignatureSuite.of(issuer.algorithm()), notBefore, notAfter, authority);
    }

    /** A self-signed CA certificate. */
    static X509Certificate selfSign(X500Name subject, KeyPair pair, SignatureSuite suite, Instant notBefore,
                                    Instant notAfter) {
        return build(subject, pair.getPublic(), subject, null, pair.getPrivate(), suite, notBefore, notAfter, true);
    }

    private static X509Certificate build(X500Name subject, PublicKey key, X500Name issuerName, PublicKey issuerKey,
                                         PrivateKey signingKey, SignatureSuite signingSuite, Instant notBefore,
                                         Instant notAfter, boolean authority) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    new BigInteger(127, RANDOM).add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter),
                    subject, key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(authority))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(authority
                            ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                            : KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key));
            if (issuerKey != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(issuerKey));
            }
            return new JcaX509CertificateConverter().setProvider(BouncyCastle.PROVIDER)
                    .getCertificate(builder.build(new EngineSigner(signingSuite, signingKey)));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + subject + ": " + e.getMessage(), e);
        }
    }

    static X500Name subjectName(String name, String creditCode) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "CN")
                .addRDN(BCStyle.CN, name)
                .addRDN(BCStyle.SERIALNUMBER, creditCode)
                .build();
    }

    /** An authority and the files written to make it. */
    private record Made(Authority authority, List<Path> files) {
    }

    /** A CA whose certificate exists; its key may be missing, which matters only if it has to issue. */
    private record Authority(Path certificateFile, Path keyFile, SigningKey key) {
        SigningKey require(Subject forWhom) {
            if (key == null) {
                throw new IllegalStateException("cannot issue a certificate for " + forWhom.creditCode() + ": '"
                        + certificateFile + "' exists without its key '" + keyFile + "'");
            }
            return key;
        }
    }

    private static Authority authority(Path dir, SignatureSuite suite, List<Path> written) throws IOException {
        boolean sm2 = suite == SignatureSuite.SM2;
        Path certificateFile = dir.resolve(sm2 ? CA_CERTIFICATE : ECDSA_CA_CERTIFICATE);
        Path keyFile = dir.resolve(sm2 ? CA_KEY : ECDSA_CA_KEY);
        if (Files.exists(certificateFile)) {
            requireSuite(certificateFile, suite);
            return new Authority(certificateFile, keyFile,
                    Files.exists(keyFile) ? KeyMaterial.pem(keyFile, certificateFile) : null);
        }
        KeyPair pair = keyPair(keyFile, suite, written);
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "CN")
                .addRDN(BCStyle.O, "receivables-hub")
                .addRDN(BCStyle.CN, "receivables-hub demo CA (" + (sm2 ? "SM2" : "ECDSA P-256") + ")")
                .build();
        Instant from = Instant.now().minus(CLOCK_SKEW);
        X509Certificate certificate = selfSign(name, pair, suite, from, from.plus(CA_VALIDITY));
        write(certificateFile, pem(certificate), false, written);
        return new Authority(certificateFile, keyFile, new SigningKey(pair.getPrivate(), certificate, suite.algorithm));
    }

    private static void subject(Path dir, Subject subject, Authority authority, List<Path> written) throws IOException {
        SignatureSuite suite = SignatureSuite.of(subject.algorithm());
        Path certificateFile = certificateFile(dir, subject.creditCode());
        if (Files.exists(certificateFile)) {
            requireSuite(certificateFile, suite);
            return; // its key may live elsewhere: a participant keeps its own
        }
        SigningKey issuer = authority.require(subject);
        KeyPair pair = keyPair(keyFile(dir, subject.creditCode()), suite, written);
        Instant from = Instant.now().minus(CLOCK_SKEW);
        Instant until = from.plus(CERTIFICATE_VALIDITY);
        if (until.isAfter(issuer.certificate().getNotAfter().toInstant())) {
            until = issuer.certificate().getNotAfter().toInstant();
        }
        X509Certificate certificate = issue(subjectName(subject.name(), subject.creditCode()), pair.getPublic(),
                issuer, from, until, false);
        write(certificateFile, pem(certificate), false, written);
    }

    /** The key in {@code keyFile} if there is one (it must be on the suite's curve), else a new one, written. */
    private static KeyPair keyPair(Path keyFile, SignatureSuite suite, List<Path> written) throws IOException {
        try {
            if (Files.exists(keyFile)) {
                PrivateKey key = KeyMaterial.readPrivateKey(keyFile);
                ASN1Encodable curve = PrivateKeyInfo.getInstance(key.getEncoded()).getPrivateKeyAlgorithm().getParameters();
                if (!suite.curve.equals(curve) || !(key instanceof ECPrivateKey ec)) {
                    throw new IllegalStateException("'" + keyFile + "' holds a key that is not on the " + suite.curveName
                            + " curve of " + suite.algorithm + "; remove it to generate a new one");
                }
                // the public point is d·G; an existing key file is all a missing certificate needs
                PublicKey publicKey = KeyFactory.getInstance("EC", BouncyCastle.PROVIDER).generatePublic(
                        new ECPublicKeySpec(ec.getParameters().getG().multiply(ec.getD()).normalize(), ec.getParameters()));
                return new KeyPair(publicKey, key);
            }
            KeyPair pair = suite.generateKeyPair();
            StringWriter text = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
                writer.writeObject(new JcaPKCS8Generator(pair.getPrivate(), null));
            }
            write(keyFile, text.toString(), true, written);
            return pair;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a " + suite.algorithm + " key for '" + keyFile + "': "
                    + e.getMessage(), e);
        }
    }

    private static void requireSuite(Path certificateFile, SignatureSuite suite) {
        SignatureSuite actual = SignatureSuite.ofCertificate(KeyMaterial.readCertificate(certificateFile)).orElse(null);
        if (actual != suite) {
            throw new IllegalStateException("'" + certificateFile + "' exists but holds "
                    + (actual == null ? "neither an SM2 nor a P-256" : "an " + actual.algorithm) + " key, not "
                    + suite.algorithm + "; remove it (and its key) to issue a new one");
        }
    }

    private static String pem(X509Certificate certificate) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        }
        return text.toString();
    }

    /** Written beside the target and moved into place, so an interrupted run never leaves half a file to be kept. */
    private static void write(Path file, String text, boolean secret, List<Path> written) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system; the folder's permissions apply
        }
        try {
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        written.add(file);
    }
}
