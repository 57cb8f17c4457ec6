package com.receivableshub.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.receivableshub.participant.SignatureAlgorithm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiTest {

    @TempDir
    Path dir;

    @Test
    void generatesLoadableKeysAndCertificatesIssuedByTheCaOfTheirAlgorithm() throws Exception {
        List<Path> written = Pki.generate(dir, TestPki.SUBJECTS);

        assertThat(written).contains(dir.resolve("ca.cert.pem"), dir.resolve("ca.key.pem"),
                dir.resolve("ca-ecdsa.cert.pem"), dir.resolve("ca-ecdsa.key.pem"),
                dir.resolve(TestPki.FUNDER + ".key.pem"), dir.resolve(TestPki.FUNDER + ".cert.pem"));
        assertThat(written).hasSize(4 + 2 * TestPki.SUBJECTS.size());
        X509Certificate sm2Ca = KeyMaterial.readCertificate(dir.resolve(Pki.CA_CERTIFICATE));
        X509Certificate ecdsaCa = KeyMaterial.readCertificate(dir.resolve(Pki.ECDSA_CA_CERTIFICATE));
        assertThat(sm2Ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ecdsaCa.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        sm2Ca.verify(sm2Ca.getPublicKey(), BouncyCastle.PROVIDER);

        SigningKey funder = Pki.load(dir, TestPki.FUNDER);
        X509Certificate certificate = funder.certificate();
        assertThat(funder.algorithm()).isEqualTo(SignatureAlgorithm.SM2);
        assertThat(certificate.getSigAlgOID()).isEqualTo("1.2.156.10197.1.501"); // SM3withSM2
        certificate.verify(sm2Ca.getPublicKey(), BouncyCastle.PROVIDER);
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(sm2Ca.getSubjectX500Principal());
        assertThat(CertificateNames.subject(certificate))
                .isEqualTo("C=CN,CN=Demo Bank\\, Fujian Branch (示范银行福建省分行),SERIALNUMBER=" + TestPki.FUNDER);
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getKeyUsage()).startsWith(true, true, false, false, false, false, false);
        assertThat(certificate.getCriticalExtensionOIDs()).contains("2.5.29.15");
        Duration validity = Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
        assertThat(validity.toDays()).isBetween(3650L, 3653L);

        SigningKey factoring = Pki.load(dir, TestPki.FACTORING);
        assertThat(factoring.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256);
        assertThat(factoring.certificate().getSigAlgOID()).isEqualTo("1.2.840.10045.4.3.2"); // SHA256withECDSA
        factoring.certificate().verify(ecdsaCa.getPublicKey(), BouncyCastle.PROVIDER);
        assertThat(Files.readString(Pki.keyFile(dir, TestPki.FACTORING))).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void secondRunChangesNothing() throws IOException {
        Pki.generate(dir, TestPki.SUBJECTS);
        Map<Path, String> before = snapshot();

        List<Path> written = Pki.generate(dir, TestPki.SUBJECTS);

        assertThat(written).isEmpty();
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void onlyMissingFilesAreGeneratedAndAnExistingKeyIsReused() throws IOException {
        Pki.generate(dir, TestPki.SUBJECTS);
        SigningKey before = Pki.load(dir, TestPki.FUNDER);
        Files.delete(Pki.certificateFile(dir, TestPki.FUNDER));

        List<Path> written = Pki.generate(dir, TestPki.SUBJECTS);

        assertThat(written).containsExactly(Pki.certificateFile(dir, TestPki.FUNDER));
        SigningKey after = Pki.load(dir, TestPki.FUNDER);
        assertThat(after.certificate().getPublicKey()).isEqualTo(before.certificate().getPublicKey());
        assertThat(after.certificate()).isNotEqualTo(before.certificate());
    }

    @Test
    void aCertificateWithoutItsKeyIsKept() throws IOException {
        // a participant that brought its own certificate keeps its key to itself
        Pki.generate(dir, TestPki.SUBJECTS);
        Files.delete(Pki.keyFile(dir, TestPki.FUNDER));

        assertThat(Pki.generate(dir, TestPki.SUBJECTS)).isEmpty();
        assertThat(Pki.keyFile(dir, TestPki.FUNDER)).doesNotExist();
    }

    @Test
    void keyFilesAreOwnerOnly() throws IOException {
        Pki.generate(dir, TestPki.SUBJECTS);

        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(file -> {
                String permissions = permissions(file);
                if (file.getFileName().toString().endsWith(".key.pem")) {
                    assertThat(permissions).as(file.toString()).isEqualTo("rw-------");
                } else {
                    assertThat(permissions).as(file.toString()).isEqualTo("rw-r--r--");
                }
            });
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void noEcdsaCaWithoutAnEcdsaSubject() {
        Pki.generate(dir, List.of(TestPki.SUBJECTS.get(0)));

        assertThat(dir.resolve(Pki.CA_CERTIFICATE)).exists();
        assertThat(dir.resolve(Pki.ECDSA_CA_CERTIFICATE)).doesNotExist();
        assertThat(dir.resolve(Pki.ECDSA_CA_KEY)).doesNotExist();
    }

    @Test
    void anExistingCertificateOfAnotherAlgorithmIsReportedNotReplaced() throws IOException {
        Pki.generate(dir, TestPki.SUBJECTS);
        String before = Files.readString(Pki.certificateFile(dir, TestPki.FUNDER));

        assertThatThrownBy(() -> Pki.generate(dir, List.of(
                new Pki.Subject("Demo Bank", TestPki.FUNDER, SignatureAlgorithm.ECDSA_P256))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(TestPki.FUNDER + ".cert.pem")
                .hasMessageContaining("holds an SM2 key, not ECDSA_P256");
        assertThat(Files.readString(Pki.certificateFile(dir, TestPki.FUNDER))).isEqualTo(before);
    }

    @Test
    void aMissingCaKeyIsReportedWhenACertificateMustBeIssued() throws IOException {
        Pki.generate(dir, List.of(TestPki.SUBJECTS.get(0)));
        Files.delete(dir.resolve(Pki.CA_KEY));

        assertThatThrownBy(() -> Pki.generate(dir, TestPki.SUBJECTS))
                .hasMessageContaining("ca.cert.pem' exists without its key");
    }

    @Test
    void subjectsNeedAValidCreditCode() {
        assertThatThrownBy(() -> new Pki.Subject("x", "../../etc/passwd", SignatureAlgorithm.SM2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("credit code of x");
        assertThatThrownBy(() -> Pki.generate(dir, List.of(
                new Pki.Subject("a", TestPki.FUNDER, SignatureAlgorithm.SM2),
                new Pki.Subject("a", TestPki.FUNDER, SignatureAlgorithm.ECDSA_P256))))
                .hasMessageContaining("asked for both SM2 and ECDSA_P256");
    }

    private Map<Path, String> snapshot() throws IOException {
        Map<Path, String> state = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                FileTime modified = Files.getLastModifiedTime(file);
                state.put(file, modified + " " + Files.readString(file));
            }
        }
        return state;
    }

    private static String permissions(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
