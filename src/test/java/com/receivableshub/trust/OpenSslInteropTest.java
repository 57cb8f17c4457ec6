package com.receivableshub.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.receivableshub.model.Signature;
import com.receivableshub.participant.SignatureAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the hub signs checks out with OpenSSL 3.0, the tool a bank's auditor is most likely to reach for.
 *
 * <p>SM2 CMS is not checked with {@code openssl cms -verify}: OpenSSL 3.0's CMS code does not pass the SM2 signer
 * ID ({@code distid}) to the verification, so it computes a different Z value and fails even on a correct
 * signature. Instead the pieces are checked one by one: the certificate with {@code openssl verify -vfyopt
 * distid:...}, the raw SM2 signature over the DER of the signed attributes (what CMS signs when signed attributes
 * are present, RFC 5652 section 5.4) with {@code openssl dgst -sm3 -sigopt distid:...}, and the message-digest
 * attribute against {@code openssl dgst -sm3} of the content.
 */
class OpenSslInteropTest {

    static final String DISTID = "distid:1234567812345678";
    static final byte[] NOTICE = "{\"type\":\"PLEDGE_NOTICE\",\"receivable\":\"AR-2026-0001\",\"amount\":\"880000.00\"}"
            .getBytes(StandardCharsets.UTF_8);
    /** A second hub identity: the hub signing in ECDSA for a partner that asked for it. */
    static final String ECDSA_HUB = "12100000717800889" + com.receivableshub.participant.CreditCode.checkCharacter("12100000717800889");

    @TempDir
    static Path pki;
    @TempDir
    Path work;

    @BeforeAll
    static void setUp() {
        assumeTrue(opensslAvailable(), "openssl is not installed");
        List<Pki.Subject> subjects = new ArrayList<>(TestPki.SUBJECTS);
        subjects.add(new Pki.Subject("receivables-hub", ECDSA_HUB, SignatureAlgorithm.ECDSA_P256));
        Pki.generate(pki, subjects);
    }

    @Test
    void ecdsaNoticeSignedByTheHubVerifiesWithOpensslCms() throws Exception {
        CmsSignatureService hub = new CmsSignatureService(Pki.load(pki, ECDSA_HUB));
        Signature signature = hub.sign(NOTICE);
        Path sig = Files.write(work.resolve("sig.der"), Base64.getDecoder().decode(signature.value()));
        Path data = Files.write(work.resolve("data.bin"), NOTICE);
        String ca = pki.resolve(Pki.ECDSA_CA_CERTIFICATE).toString();

        Result ok = openssl("cms", "-verify", "-binary", "-inform", "DER", "-in", sig.toString(), "-content",
                data.toString(), "-CAfile", ca, "-out", work.resolve("out.bin").toString());
        assertThat(ok.exit).as(ok.output).isZero();
        assertThat(ok.output).contains("Verification successful");

        Files.write(data, "{\"type\":\"PLEDGE_NOTICE\",\"receivable\":\"AR-2026-0001\",\"amount\":\"980000.00\"}"
                .getBytes(StandardCharsets.UTF_8));
        Result tampered = openssl("cms", "-verify", "-binary", "-inform", "DER", "-in", sig.toString(), "-content",
                data.toString(), "-CAfile", ca, "-out", work.resolve("out.bin").toString());
        assertThat(tampered.exit).as(tampered.output).isNotZero();
        assertThat(tampered.output).contains("Verification failure");
    }

    @Test
    void sm2CertificatesVerifyWithOpenssl() throws Exception {
        for (String code : List.of(TestPki.HUB, TestPki.FUNDER)) {
            Result result = openssl("verify", "-vfyopt", DISTID, "-CAfile", pki.resolve(Pki.CA_CERTIFICATE).toString(),
                    Pki.certificateFile(pki, code).toString());
            assertThat(result.exit).as(result.output).isZero();
            assertThat(result.output).contains(": OK");
        }
        Result ecdsa = openssl("verify", "-CAfile", pki.resolve(Pki.ECDSA_CA_CERTIFICATE).toString(),
                Pki.certificateFile(pki, TestPki.FACTORING).toString());
        assertThat(ecdsa.exit).as(ecdsa.output).isZero();
    }

    @Test
    void sm2SignatureInsideTheCmsVerifiesWithOpensslDgst() throws Exception {
        CmsSignatureService hub = new CmsSignatureService(Pki.load(pki, TestPki.HUB));
        Signature signature = hub.sign(NOTICE);
        SignerInformation signer = new CMSSignedData(new CMSProcessableByteArray(NOTICE),
                Base64.getDecoder().decode(signature.value())).getSignerInfos().getSigners().iterator().next();
        Path attributes = Files.write(work.resolve("attrs.der"), signer.getEncodedSignedAttributes());
        Path sig = Files.write(work.resolve("sig.bin"), signer.getSignature());
        Path data = Files.write(work.resolve("data.bin"), NOTICE);
        Path publicKey = work.resolve("pub.pem");
        Result extracted = openssl("x509", "-in", Pki.certificateFile(pki, TestPki.HUB).toString(), "-pubkey", "-noout",
                "-out", publicKey.toString());
        assertThat(extracted.exit).as(extracted.output).isZero();

        Result ok = openssl("dgst", "-sm3", "-verify", publicKey.toString(), "-sigopt", DISTID, "-signature",
                sig.toString(), attributes.toString());
        assertThat(ok.exit).as(ok.output).isZero();
        assertThat(ok.output).contains("Verified OK");

        // the signed attributes bind the content through its SM3 digest
        byte[] messageDigest = ASN1OctetString.getInstance(signer.getSignedAttributes().get(CMSAttributes.messageDigest)
                .getAttrValues().getObjectAt(0)).getOctets();
        assertThat(sm3(data)).isEqualTo(messageDigest);
        Files.write(data, "tampered".getBytes(StandardCharsets.UTF_8));
        assertThat(sm3(data)).isNotEqualTo(messageDigest);

        byte[] tamperedAttributes = signer.getEncodedSignedAttributes();
        tamperedAttributes[tamperedAttributes.length - 1] ^= 0x01; // last byte of the message digest
        Files.write(attributes, tamperedAttributes);
        Result tampered = openssl("dgst", "-sm3", "-verify", publicKey.toString(), "-sigopt", DISTID, "-signature",
                sig.toString(), attributes.toString());
        assertThat(tampered.exit).as(tampered.output).isNotZero();
        assertThat(tampered.output).contains("Verification failure");
    }

    @Test
    void keysAndCertificatesMadeWithOpensslWork() throws Exception {
        // the commands of Pki's documentation, for a partner who brings its own key
        Path caKey = work.resolve("ca.key.pem");
        Path caCert = work.resolve("ca.cert.pem");
        Path key = work.resolve("supplier.key.pem");
        Path csr = work.resolve("supplier.csr.pem");
        Path cert = work.resolve("supplier.cert.pem");
        Path ext = Files.writeString(work.resolve("ee.ext"),
                "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n");
        run(openssl("genpkey", "-algorithm", "SM2", "-out", caKey.toString()));
        run(openssl("req", "-new", "-x509", "-key", caKey.toString(), "-sm3", "-sigopt", DISTID, "-days", "7300",
                "-subj", "/C=CN/O=receivables-hub/CN=receivables-hub demo CA (SM2)",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-out", caCert.toString()));
        run(openssl("genpkey", "-algorithm", "SM2", "-out", key.toString()));
        run(openssl("req", "-new", "-key", key.toString(), "-sm3", "-sigopt", DISTID,
                "-subj", "/C=CN/CN=Minjiang Parts/serialNumber=91350100M000100Y43", "-out", csr.toString()));
        run(openssl("x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-days", "3650", "-extfile", ext.toString(), "-sm3", "-sigopt", DISTID,
                "-vfyopt", DISTID, "-out", cert.toString()));
        run(openssl("verify", "-vfyopt", DISTID, "-CAfile", caCert.toString(), cert.toString()));

        SigningKey supplier = KeyMaterial.pem(key, cert);
        CmsSignatureService service = new CmsSignatureService(Pki.load(pki, TestPki.HUB));

        assertThat(supplier.algorithm()).isEqualTo(SignatureAlgorithm.SM2);
        assertThat(service.verify(NOTICE, service.sign(NOTICE, supplier), KeyMaterial.readCertificate(cert)))
                .isEqualTo(Verification.ok());
    }

    @Test
    void pkcs12MadeWithOpensslLoads() throws Exception {
        for (String code : List.of(TestPki.FACTORING, TestPki.FUNDER)) {
            Path p12 = work.resolve(code + ".p12");
            run(openssl("pkcs12", "-export", "-inkey", Pki.keyFile(pki, code).toString(),
                    "-in", Pki.certificateFile(pki, code).toString(), "-passout", "pass:s3cret-demo", "-out", p12.toString()));

            SigningKey key = KeyMaterial.pkcs12(p12, "s3cret-demo");

            assertThat(key.certificate()).isEqualTo(Pki.load(pki, code).certificate());
        }
    }

    private static byte[] sm3(Path data) throws Exception {
        Result result = openssl("dgst", "-sm3", "-binary", "-out", data + ".sm3", data.toString());
        run(result);
        return Files.readAllBytes(Path.of(data + ".sm3"));
    }

    private static void run(Result result) {
        assertThat(result.exit).as(result.output).isZero();
    }

    record Result(int exit, String output) {
    }

    static Result openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("openssl did not finish: " + command);
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    static boolean opensslAvailable() {
        try {
            return openssl("version").exit == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
