package com.receivableshub.trust;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The demo TLS authority in {@code ${hub.data-dir}/pki/tls} (TLS needs keys the JDK speaks, so P-256 with SHA-256,
 * apart from the SM2 signing authority): {@code ca.cert.pem}/{@code ca.key.pem}, the hub's server key store
 * {@code hub-server.p12} (subject alternative names localhost and 127.0.0.1), the trust store {@code trust.p12}
 * holding the CA, and for each participant a client key and certificate {@code <code>.client.key.pem} /
 * {@code <code>.client.cert.pem} (extended key usage clientAuth), which its adapter registers as
 * {@code identity.clientCertificate}. Files that exist are kept. Production uses a real CA and names its files.
 */
public final class TlsPki {

    public static final String CA_CERTIFICATE = "ca.cert.pem";
    public static final String CA_KEY = "ca.key.pem";
    public static final String SERVER_KEY_STORE = "hub-server.p12";
    public static final String TRUST_STORE = "trust.p12";
    public static final String SERVER_ALIAS = "hub";

    private static final Duration VALIDITY = Duration.ofDays(3652);
    private static final Duration CLOCK_SKEW = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key and the certificate issued for it. */
    public record Issued(PrivateKey key, X509Certificate certificate) {
    }

    private TlsPki() {
    }

    public static Path clientCertificateFile(Path dir, String code) {
        return dir.resolve(code + ".client.cert.pem");
    }

    public static Path clientKeyFile(Path dir, String code) {
        return dir.resolve(code + ".client.key.pem");
    }

    /** The CA, made if missing. */
    public static synchronized Issued authority(Path dir) {
        Path certFile = dir.resolve(CA_CERTIFICATE);
        Path keyFile = dir.resolve(CA_KEY);
        try {
            Files.createDirectories(dir);
            if (Files.exists(certFile) && Files.exists(keyFile)) {
                return new Issued(readKey(keyFile), KeyMaterial.readCertificate(certFile));
            }
            KeyPair pair = keyPair();
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "CN")
                    .addRDN(BCStyle.O, "receivables-hub").addRDN(BCStyle.CN, "receivables-hub demo TLS CA").build();
            X509Certificate cert = build(name, pair, name, null, pair.getPrivate(), true, null, null);
            write(keyFile, pem(new JcaPKCS8Generator(pair.getPrivate(), null)), true);
            write(certFile, pem(cert), false);
            return new Issued(pair.getPrivate(), cert);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo TLS authority in '" + dir + "': " + e.getMessage(), e);
        }
    }

    /** A client certificate of the demo CA for a participant; nothing is written. */
    public static Issued issueClient(Path dir, String name, String code) {
        return issueClient(authority(dir), name, code);
    }

    private static Issued issueClient(Issued ca, String name, String code) {
        KeyPair pair = keyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "CN").addRDN(BCStyle.CN, name)
                .addRDN(BCStyle.SERIALNUMBER, code).build();
        return new Issued(pair.getPrivate(), build(subject, pair, issuerName(ca), ca.certificate(), ca.key(), false,
                KeyPurposeId.id_kp_clientAuth, null));
    }

    /** Writes the participant's client key and certificate if its certificate is missing. */
    public static synchronized void ensureClient(Path dir, String name, String code) {
        Path certFile = clientCertificateFile(dir, code);
        if (Files.exists(certFile)) {
            return;
        }
        Issued issued = issueClient(dir, name, code);
        try {
            write(clientKeyFile(dir, code), pem(new JcaPKCS8Generator(issued.key(), null)), true);
            write(certFile, pem(issued.certificate()), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write '" + certFile + "': " + e.getMessage(), e);
        }
    }

    /** Who gets a TLS client certificate: a participant's name and credit code. */
    public record Client(String name, String code) {
    }

    /**
     * {@link #ensureClient} for several participants: the authority is made first if missing, then the missing
     * client keys and certificates are made in parallel.
     */
    public static synchronized void ensureClients(Path dir, List<Client> clients) {
        List<Client> missing = clients.stream()
                .filter(c -> !Files.exists(clientCertificateFile(dir, c.code())))
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        Issued ca = authority(dir);
        try {
            Parallel.map(missing, c -> {
                Issued issued = issueClient(ca, c.name(), c.code());
                write(clientKeyFile(dir, c.code()), pem(new JcaPKCS8Generator(issued.key(), null)), true);
                write(clientCertificateFile(dir, c.code()), pem(issued.certificate()), false);
                return c;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo TLS client certificates in '" + dir + "': "
                    + e.getMessage(), e);
        }
    }

    /** The hub's server key store and the trust store, made if missing, with these passwords. */
    public static synchronized void ensureServer(Path dir, char[] keyStorePassword, char[] trustStorePassword) {
        Issued ca = authority(dir);
        try {
            Path keyStoreFile = dir.resolve(SERVER_KEY_STORE);
            if (!Files.exists(keyStoreFile)) {
                KeyPair pair = keyPair();
                X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "CN")
                        .addRDN(BCStyle.O, "receivables-hub").addRDN(BCStyle.CN, "localhost").build();
                GeneralNames names = new GeneralNames(new GeneralName[]{
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                        new GeneralName(GeneralName.dNSName, InetAddress.getLocalHost().getHostName())});
                X509Certificate cert = build(subject, pair, issuerName(ca), ca.certificate(), ca.key(), false,
                        KeyPurposeId.id_kp_serverAuth, names);
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry(SERVER_ALIAS, pair.getPrivate(), keyStorePassword,
                        new Certificate[]{cert, ca.certificate()});
                writeStore(keyStoreFile, store, keyStorePassword);
            }
            Path trustFile = dir.resolve(TRUST_STORE);
            if (!Files.exists(trustFile)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setCertificateEntry("demo-tls-ca", ca.certificate());
                writeStore(trustFile, store, trustStorePassword);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the demo TLS key stores in '" + dir + "': "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /** A PKCS#8 PEM key as the JDK's own EC key, which the JDK's TLS and signature engines take. */
    public static PrivateKey readKey(Path file) {
        try {
            return java.security.KeyFactory.getInstance("EC").generatePrivate(
                    new java.security.spec.PKCS8EncodedKeySpec(KeyMaterial.readPrivateKey(file).getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("'" + file + "' is not a P-256 key: " + e.getClass().getSimpleName(), e);
        }
    }

    private static X500Name issuerName(Issued ca) {
        return X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a P-256 key", e);
        }
    }

    private static X509Certificate build(X500Name subject, KeyPair pair, X500Name issuer, X509Certificate issuerCert,
                                         PrivateKey signingKey, boolean authority, KeyPurposeId purpose,
                                         GeneralNames altNames) {
        try {
            Instant from = Instant.now().minus(CLOCK_SKEW);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    new BigInteger(127, RANDOM).add(BigInteger.ONE), Date.from(from), Date.from(from.plus(VALIDITY)),
                    subject, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(authority))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(authority
                            ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            if (issuerCert != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        ext.createAuthorityKeyIdentifier(issuerCert.getPublicKey()));
            }
            if (purpose != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            }
            if (altNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, altNames);
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signingKey)));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a TLS certificate for " + subject + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    private static void writeStore(Path file, KeyStore store, char[] password) throws IOException,
            GeneralSecurityException {
        Path tmp = temp(file, true);
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                store.store(out, password);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void write(Path file, String text, boolean secret) throws IOException {
        Path tmp = temp(file, secret);
        try {
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path temp(Path file, boolean secret) throws IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system; the folder's permissions apply
        }
        return tmp;
    }
}
