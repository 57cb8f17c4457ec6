package com.receivableshub.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.receivableshub.model.Signature;
import com.receivableshub.participant.Certificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CmsSignatureServiceTest {

    static final byte[] NOTICE = "{\"type\":\"PLEDGE_NOTICE\",\"amount\":\"1250000.00\",\"currency\":\"CNY\"}"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;
    static SigningKey hub;
    static SigningKey funder;
    static SigningKey otherFunder;
    static SigningKey factoring;
    static CmsSignatureService service;

    @BeforeAll
    static void pki() {
        TestPki.create(dir);
        hub = Pki.load(dir, TestPki.HUB);
        funder = Pki.load(dir, TestPki.FUNDER);
        otherFunder = Pki.load(dir, TestPki.OTHER_FUNDER);
        factoring = Pki.load(dir, TestPki.FACTORING);
        service = new CmsSignatureService(hub);
    }

    @Test
    void signsWithTheHubKeyInSm2AndVerifies() {
        Signature signature = service.sign(NOTICE);

        assertThat(service.defaultAlgorithm().name()).isEqualTo("SM2");
        assertThat(signature.algorithm()).isEqualTo("SM2");
        assertThat(Base64.getDecoder().decode(signature.value())).startsWith(0x30); // DER SEQUENCE
        assertThat(service.verify(NOTICE, signature, hub.certificate())).isEqualTo(Verification.ok());
    }

    @Test
    void signsAndVerifiesEcdsaP256() {
        Signature signature = service.sign(NOTICE, factoring);

        assertThat(signature.algorithm()).isEqualTo("ECDSA_P256");
        assertThat(service.verify(NOTICE, signature, factoring.certificate()).valid()).isTrue();
    }

    @Test
    void verifiesAgainstRegisteredCertificatesReadFromFiles() {
        // the JDK's certificate factory reads P-256 certificates (not SM2 ones); either implementation will do
        X509Certificate readByJdk = Certificates.readPem(Pki.certificateFile(dir, TestPki.FACTORING));
        X509Certificate sm2 = KeyMaterial.readCertificate(Pki.certificateFile(dir, TestPki.FUNDER));

        assertThat(service.verify(NOTICE, service.sign(NOTICE, factoring), readByJdk).valid()).isTrue();
        assertThat(service.verify(NOTICE, service.sign(NOTICE, funder), sm2).valid()).isTrue();
    }

    @Test
    void eachSignatureIsFreshAndVerifies() {
        Signature first = service.sign(NOTICE);
        Signature second = service.sign(NOTICE);

        assertThat(first.value()).isNotEqualTo(second.value());
        assertThat(service.verify(NOTICE, first, hub.certificate()).valid()).isTrue();
        assertThat(service.verify(NOTICE, second, hub.certificate()).valid()).isTrue();
    }

    @Test
    void signsEmptyContent() {
        assertThat(service.verify(new byte[0], service.sign(new byte[0]), hub.certificate()).valid()).isTrue();
    }

    @Test
    void tamperedContentFails() {
        Signature signature = service.sign(NOTICE, funder);
        byte[] tampered = NOTICE.clone();
        tampered[tampered.length - 5] = '9';

        assertThat(service.verify(tampered, signature, funder.certificate()))
                .isEqualTo(Verification.invalid("signature does not match the content"));
    }

    @Test
    void tamperedEcdsaContentFails() {
        Signature signature = service.sign(NOTICE, factoring);

        assertThat(service.verify("other".getBytes(StandardCharsets.UTF_8), signature, factoring.certificate()).reason())
                .isEqualTo("signature does not match the content");
    }

    @Test
    void signatureOfAnotherParticipantFails() {
        Signature byOther = service.sign(NOTICE, otherFunder);

        Verification result = service.verify(NOTICE, byOther, funder.certificate());

        assertThat(result.valid()).isFalse();
        assertThat(result.reason()).startsWith("signed by ").contains("CN=Pearl River Demo Bank")
                .contains("SERIALNUMBER=" + TestPki.OTHER_FUNDER)
                .endsWith(", not by the registered certificate of the sender");
    }

    @Test
    void unsignedFails() {
        assertThat(service.verify(NOTICE, null, funder.certificate())).isEqualTo(Verification.invalid("unsigned"));
        assertThat(service.verify(NOTICE, new Signature("SM2", " "), funder.certificate()).reason()).isEqualTo("unsigned");
        assertThat(service.verify(NOTICE, new Signature("SM2", null), funder.certificate()).reason()).isEqualTo("unsigned");
    }

    @Test
    void garbageIsNotCms() {
        assertThat(service.verify(NOTICE, new Signature("SM2", "!!not base64!!"), funder.certificate()).reason())
                .isEqualTo("not a CMS SignedData: not base64");
        String notCms = Base64.getEncoder().encodeToString("hello, not DER".getBytes(StandardCharsets.UTF_8));
        assertThat(service.verify(NOTICE, new Signature("SM2", notCms), funder.certificate()).reason())
                .startsWith("not a CMS SignedData: ");
        String certificateInstead = base64(hub.certificate());
        assertThat(service.verify(NOTICE, new Signature("SM2", certificateInstead), funder.certificate()).reason())
                .startsWith("not a CMS SignedData: ");
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] der = Base64.getDecoder().decode(service.sign(NOTICE, funder).value());
        byte[] longer = java.util.Arrays.copyOf(der, der.length + 4);

        Verification result = service.verify(NOTICE,
                new Signature("SM2", Base64.getEncoder().encodeToString(longer)), funder.certificate());

        assertThat(result.reason()).startsWith("not a CMS SignedData: ");
    }

    @Test
    void unknownOrMismatchedAlgorithmFails() {
        Signature sm2 = service.sign(NOTICE, funder);
        Signature ecdsa = service.sign(NOTICE, factoring);

        assertThat(service.verify(NOTICE, new Signature("RSA", sm2.value()), funder.certificate()).reason())
                .isEqualTo("algorithm 'RSA' is not SM2 or ECDSA_P256");
        assertThat(service.verify(NOTICE, new Signature("SM3withSM2", sm2.value()), funder.certificate()).reason())
                .isEqualTo("algorithm 'SM3withSM2' is not SM2 or ECDSA_P256");
        assertThat(service.verify(NOTICE, new Signature("SM2", ecdsa.value()), factoring.certificate()).reason())
                .isEqualTo("algorithm SM2 does not match the registered certificate of the sender, which holds an"
                        + " ECDSA_P256 key");
        assertThat(service.verify(NOTICE, new Signature("ECDSA_P256", sm2.value()), factoring.certificate()).reason())
                .startsWith("algorithm ECDSA_P256 is declared, but the signer used signature 1.2.156.10197.1.501");
    }

    @Test
    void twoSignerInfosAreRefused() throws Exception {
        CMSSignedDataGenerator cms = new CMSSignedDataGenerator();
        cms.addSignerInfoGenerator(signerInfo(funder.privateKey(), funder));
        cms.addSignerInfoGenerator(signerInfo(otherFunder.privateKey(), otherFunder));
        cms.addCertificates(new JcaCertStore(List.of(funder.certificate(), otherFunder.certificate())));

        Verification result = service.verify(NOTICE, signature("SM2", cms), funder.certificate());

        assertThat(result).isEqualTo(Verification.invalid("expected exactly one signer, found 2"));
    }

    @Test
    void aSignerClaimingTheRegisteredCertificateIsCheckedWithTheRegisteredKey() throws Exception {
        // signed with another key, but naming the sender's certificate and carrying none
        CMSSignedDataGenerator cms = new CMSSignedDataGenerator();
        cms.addSignerInfoGenerator(signerInfo(otherFunder.privateKey(), funder));

        Verification result = service.verify(NOTICE, signature("SM2", cms), funder.certificate());

        assertThat(result.reason()).isEqualTo("signature does not match the content");
    }

    @Test
    void aCarriedCertificateOtherThanTheRegisteredOneIsRefused() throws Exception {
        // the registered certificate rides along, but the signer is someone else
        CMSSignedDataGenerator cms = new CMSSignedDataGenerator();
        cms.addSignerInfoGenerator(signerInfo(otherFunder.privateKey(), otherFunder));
        cms.addCertificates(new JcaCertStore(List.of(funder.certificate(), otherFunder.certificate())));

        Verification result = service.verify(NOTICE, signature("SM2", cms), funder.certificate());

        assertThat(result.reason()).contains("CN=Pearl River Demo Bank").endsWith("not by the registered certificate of the sender");
    }

    @Test
    void aSignatureWithoutCertificatesNamingAnotherSignerIsRefused() throws Exception {
        CMSSignedDataGenerator cms = new CMSSignedDataGenerator();
        cms.addSignerInfoGenerator(signerInfo(otherFunder.privateKey(), otherFunder));

        Verification result = service.verify(NOTICE, signature("SM2", cms), funder.certificate());

        assertThat(result.reason()).startsWith("signed by certificate ").contains("demo CA (SM2)")
                .endsWith("not by the registered certificate of the sender");
    }

    @Test
    void attachedContentIsRefused() throws Exception {
        CMSSignedDataGenerator cms = new CMSSignedDataGenerator();
        cms.addSignerInfoGenerator(signerInfo(funder.privateKey(), funder));
        cms.addCertificates(new JcaCertStore(List.of(funder.certificate())));
        String value = Base64.getEncoder().encodeToString(
                cms.generate(new CMSProcessableByteArray(NOTICE), true).getEncoded("DER"));

        assertThat(service.verify(NOTICE, new Signature("SM2", value), funder.certificate()).reason())
                .isEqualTo("not a detached signature: the SignedData carries content of its own");
    }

    @Test
    void expiredCertificateFails() throws Exception {
        Instant now = Instant.now();
        SigningKey expired = key("Expired Supplier", now.minus(Duration.ofDays(800)), now.minus(Duration.ofDays(30)));

        Verification result = service.verify(NOTICE, service.sign(NOTICE, expired), expired.certificate());

        assertThat(result.reason()).startsWith("certificate expired at signing time ");
    }

    @Test
    void notYetValidCertificateFails() throws Exception {
        Instant now = Instant.now();
        SigningKey early = key("Early Supplier", now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(400)));

        Verification result = service.verify(NOTICE, service.sign(NOTICE, early), early.certificate());

        assertThat(result.reason()).startsWith("certificate not yet valid at signing time ");
    }

    @Test
    void aRegisteredCertificateWithAnotherKindOfKeyFails() throws Exception {
        java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair pair = rsa.generateKeyPair();
        X500Name name = new X500Name("CN=RSA Partner");
        Instant now = Instant.now();
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, java.math.BigInteger.ONE, Date.from(now), Date.from(now.plus(Duration.ofDays(1))), name,
                pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));

        assertThat(service.verify(NOTICE, service.sign(NOTICE, funder), certificate).reason())
                .isEqualTo("the registered certificate of the sender holds neither an SM2 nor a P-256 key");
    }

    @Test
    void missingInputIsAReasonNotAnException() {
        Signature signature = service.sign(NOTICE, funder);

        assertThat(service.verify(null, signature, funder.certificate()).reason()).isEqualTo("no content to verify");
        assertThat(service.verify(NOTICE, signature, null).reason()).isEqualTo("the sender has no registered certificate");
    }

    @Test
    void signsConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Verification>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                byte[] content = ("notice " + i).getBytes(StandardCharsets.UTF_8);
                SigningKey key = i % 2 == 0 ? hub : factoring;
                results.add(pool.submit(() -> service.verify(content, service.sign(content, key), key.certificate())));
            }
            for (Future<Verification> result : results) {
                assertThat(result.get()).isEqualTo(Verification.ok());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A signer-info generator signing with {@code privateKey} and naming {@code named}'s certificate. */
    static SignerInfoGenerator signerInfo(java.security.PrivateKey privateKey, SigningKey named) throws Exception {
        return new SignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build())
                .build(new EngineSigner(SignatureSuite.of(named.algorithm()), privateKey),
                        new X509CertificateHolder(named.certificate().getEncoded()));
    }

    static Signature signature(String algorithm, CMSSignedDataGenerator cms) throws Exception {
        return new Signature(algorithm, Base64.getEncoder().encodeToString(
                cms.generate(new CMSProcessableByteArray(NOTICE), false).getEncoded("DER")));
    }

    static String base64(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A supplier key whose certificate, issued by the test CA, is valid only between the given instants. */
    static SigningKey key(String name, Instant from, Instant until) throws Exception {
        SigningKey ca = KeyMaterial.pem(dir.resolve(Pki.CA_KEY), dir.resolve(Pki.CA_CERTIFICATE));
        KeyPair pair = SignatureSuite.SM2.generateKeyPair();
        X509Certificate certificate = Pki.issue(Pki.subjectName(name, "91350100M000100Y43"), pair.getPublic(), ca,
                from, until, false);
        return new SigningKey(pair.getPrivate(), certificate, ca.algorithm());
    }
}
