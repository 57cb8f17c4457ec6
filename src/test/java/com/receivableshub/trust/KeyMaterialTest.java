package com.receivableshub.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.receivableshub.participant.SignatureAlgorithm;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyMaterialTest {

    @TempDir
    static Path pki;
    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        TestPki.create(pki);
    }

    @Test
    void loadsPkcs8PemKeys() {
        SigningKey sm2 = KeyMaterial.pem(Pki.keyFile(pki, TestPki.FUNDER), Pki.certificateFile(pki, TestPki.FUNDER));
        SigningKey ecdsa = KeyMaterial.pem(Pki.keyFile(pki, TestPki.FACTORING), Pki.certificateFile(pki, TestPki.FACTORING));

        assertThat(sm2.algorithm()).isEqualTo(SignatureAlgorithm.SM2);
        assertThat(sm2.subject()).contains("SERIALNUMBER=" + TestPki.FUNDER);
        assertThat(ecdsa.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256);
    }

    @Test
    void loadsOpensslEcPrivateKeysWithTheirParameters() throws IOException {
        SigningKey funder = Pki.load(pki, TestPki.FUNDER);
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(funder.privateKey());
        }
        assertThat(pem.toString()).startsWith("-----BEGIN EC PRIVATE KEY-----");
        // as `openssl ecparam -name SM2 -genkey` writes it: the curve first, then the key
        Path key = Files.writeString(dir.resolve("ec.key.pem"),
                "-----BEGIN EC PARAMETERS-----\nBggqgRzPVQGCLQ==\n-----END EC PARAMETERS-----\n" + pem);

        SigningKey loaded = KeyMaterial.pem(key, Pki.certificateFile(pki, TestPki.FUNDER));

        assertThat(loaded.certificate()).isEqualTo(funder.certificate());
        assertThat(loaded.algorithm()).isEqualTo(SignatureAlgorithm.SM2);
    }

    @Test
    void loadsPkcs12WrittenByBouncyCastleAndByTheJdk() throws Exception {
        SigningKey funder = Pki.load(pki, TestPki.FUNDER);
        SigningKey factoring = Pki.load(pki, TestPki.FACTORING);
        // the JDK's own PKCS#12 cannot hold an SM2 key (it does not know the curve); Bouncy Castle's can
        Path sm2 = pkcs12(empty(KeyStore.getInstance("PKCS12", BouncyCastle.PROVIDER)), funder, "bank-secret", "funder.p12");
        Path ecdsa = pkcs12(empty(KeyStore.getInstance("PKCS12")), factoring, "factoring-secret", "factoring.p12");

        SigningKey loadedSm2 = KeyMaterial.pkcs12(sm2, "bank-secret");
        SigningKey loadedEcdsa = KeyMaterial.pkcs12(ecdsa, "factoring-secret");

        assertThat(loadedSm2.algorithm()).isEqualTo(SignatureAlgorithm.SM2);
        assertThat(loadedSm2.certificate()).isEqualTo(funder.certificate());
        assertThat(loadedEcdsa.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256);
        CmsSignatureService service = new CmsSignatureService(loadedSm2);
        byte[] content = {1, 2, 3};
        assertThat(service.verify(content, service.sign(content), funder.certificate()).valid()).isTrue();
        assertThat(service.verify(content, service.sign(content, loadedEcdsa), factoring.certificate()).valid()).isTrue();
    }

    @Test
    void wrongPkcs12PasswordIsAClearError() throws Exception {
        Path file = pkcs12(empty(KeyStore.getInstance("PKCS12", BouncyCastle.PROVIDER)), Pki.load(pki, TestPki.FUNDER),
                "right", "funder.p12");

        assertThatThrownBy(() -> KeyMaterial.pkcs12(file, "wrong"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + file + "': wrong password for the PKCS#12 file, or the file is damaged");
    }

    @Test
    void pkcs12WithSeveralKeysIsRefused() throws Exception {
        KeyStore store = empty(KeyStore.getInstance("PKCS12", BouncyCastle.PROVIDER));
        SigningKey other = Pki.load(pki, TestPki.OTHER_FUNDER);
        store.setKeyEntry("other", other.privateKey(), "pw".toCharArray(), new Certificate[] {other.certificate()});
        Path file = pkcs12(store, Pki.load(pki, TestPki.FUNDER), "pw", "two.p12");

        assertThatThrownBy(() -> KeyMaterial.pkcs12(file, "pw"))
                .hasMessageContaining("'" + file + "' holds 2 private keys");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        Path key = Pki.keyFile(pki, TestPki.OTHER_FUNDER);
        Path certificate = Pki.certificateFile(pki, TestPki.FUNDER);

        assertThatThrownBy(() -> KeyMaterial.pem(key, certificate))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key in '" + key + "' does not belong to the certificate in '" + certificate + "'");
    }

    @Test
    void errorsNameTheFile() throws Exception {
        Path certificate = Pki.certificateFile(pki, TestPki.FUNDER);
        Path missing = dir.resolve("missing.key.pem");
        assertThatThrownBy(() -> KeyMaterial.pem(missing, certificate))
                .hasMessage("'" + missing + "': private key file not found");

        Path notPem = Files.writeString(dir.resolve("notes.txt"), "not a key\n");
        assertThatThrownBy(() -> KeyMaterial.pem(notPem, certificate)).hasMessageContaining("'" + notPem + "' holds no PEM private key");
        assertThatThrownBy(() -> KeyMaterial.pem(Pki.keyFile(pki, TestPki.FUNDER), notPem))
                .hasMessageContaining("'" + notPem + "' is not a readable X.509 certificate");
        assertThatThrownBy(() -> KeyMaterial.pkcs12(notPem, "pw")).hasMessageContaining("'" + notPem + "'");

        StringWriter encrypted = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(encrypted)) {
            writer.writeObject(new JcaPKCS8Generator(Pki.load(pki, TestPki.FUNDER).privateKey(),
                    new JceOpenSSLPKCS8EncryptorBuilder(PKCSObjectIdentifiers.des_EDE3_CBC).setPassword("pw".toCharArray())
                            .setProvider(BouncyCastle.PROVIDER).build()));
        }
        Path encryptedKey = Files.writeString(dir.resolve("encrypted.key.pem"), encrypted.toString());
        assertThatThrownBy(() -> KeyMaterial.pem(encryptedKey, certificate))
                .hasMessageContaining("'" + encryptedKey + "' holds an encrypted private key");
    }

    @Test
    void signingKeyChecksItsAlgorithmAndKeepsTheKeyOutOfItsText() {
        SigningKey funder = Pki.load(pki, TestPki.FUNDER);

        assertThat(funder.toString()).isEqualTo("SigningKey[SM2, C=CN,CN=Demo Bank\\, Fujian Branch (示范银行福建省分行),"
                + "SERIALNUMBER=" + TestPki.FUNDER + "]");
        assertThatThrownBy(() -> new SigningKey(funder.privateKey(), funder.certificate(), SignatureAlgorithm.ECDSA_P256))
                .hasMessageContaining("holds an SM2 key, not ECDSA_P256");
    }

    private static KeyStore empty(KeyStore store) throws Exception {
        store.load(null, null);
        return store;
    }

    private Path pkcs12(KeyStore store, SigningKey key, String password, String name) throws Exception {
        store.setKeyEntry("signing", key.privateKey(), password.toCharArray(), new Certificate[] {key.certificate()});
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }
}
