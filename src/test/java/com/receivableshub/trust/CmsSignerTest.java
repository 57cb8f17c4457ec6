package com.receivableshub.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.receivableshub.model.Signature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The signer writes the SignedData from templates encoded once per key; what it writes must be what Bouncy Castle's
 * {@link CMSSignedDataGenerator} makes (the signature value aside, which is randomised) and verify with Bouncy
 * Castle's own CMS verification.
 */
class CmsSignerTest {

    static final byte[] NOTICE = ("{\"amount\":90000.00,\"kind\":\"PLEDGE\",\"noticeId\":\"PN-000001\","
            + "\"supplier\":\"示范供应商\"}").getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;

    @BeforeAll
    static void pki() {
        TestPki.create(dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {TestPki.HUB, TestPki.FACTORING})
    void verifiesWithBouncyCastleAndCarriesTheSignedAttributesAndTheCertificate(String party) throws Exception {
        SigningKey key = Pki.load(dir, party);
        Instant now = Instant.now();
        byte[] der = new CmsSigner(key, Clock.fixed(now, ZoneOffset.UTC)).sign(NOTICE);

        CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(NOTICE), der);
        assertThat(cms.isDetachedSignature()).isTrue();
        assertThat(cms.getSignedContentTypeOID()).isEqualTo(CMSObjectIdentifiers.data.getId());
        Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
        assertThat(signers).hasSize(1);
        SignerInformation signer = signers.iterator().next();
        SignatureSuite suite = SignatureSuite.of(key.algorithm());
        assertThat(signer.getDigestAlgOID()).isEqualTo(suite.digestOid.getId());
        assertThat(signer.getEncryptionAlgOID()).isEqualTo(suite.signatureOid.getId());

        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> carried = cms.getCertificates().getMatches(signer.getSID());
        assertThat(carried).hasSize(1);
        X509CertificateHolder certificate = carried.iterator().next();
        assertThat(certificate.getEncoded()).isEqualTo(key.certificate().getEncoded());
        assertThat(cms.getCertificates().getMatches(null)).hasSize(1);
        // with the certificate it carries: Bouncy Castle also checks the certificate was valid at signing time
        assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BouncyCastle.PROVIDER)
                .build(certificate))).isTrue();

        AttributeTable attributes = signer.getSignedAttributes();
        assertThat(attributes.size()).isEqualTo(4);
        assertThat(attributes.get(CMSAttributes.contentType).getAttrValues().getObjectAt(0))
                .isEqualTo(CMSObjectIdentifiers.data);
        assertThat(Time.getInstance(attributes.get(CMSAttributes.signingTime).getAttrValues().getObjectAt(0))
                .getDate()).isEqualTo(Date.from(now.truncatedTo(ChronoUnit.SECONDS)));
        assertThat(ASN1OctetString.getInstance(attributes.get(CMSAttributes.messageDigest).getAttrValues()
                .getObjectAt(0)).getOctets()).isEqualTo(digest(suite, NOTICE));
        assertThat(attributes.get(CMSAttributes.cmsAlgorithmProtect)).isNotNull();
        assertThat(signer.getUnsignedAttributes()).isNull();

        // and with the hub's own verifier
        assertThat(new CmsSignatureService(key).verify(NOTICE, new Signature(
                key.algorithm().name(), Base64.getEncoder().encodeToString(der)), key.certificate()))
                .isEqualTo(Verification.ok());
    }

    @ParameterizedTest
    @ValueSource(strings = {TestPki.HUB, TestPki.FACTORING})
    void writesWhatBouncyCastlesGeneratorWritesButTheSignatureValue(String party) throws Exception {
        SigningKey key = Pki.load(dir, party);
        Instant now = Instant.now();

        byte[] ours = new CmsSigner(key, Clock.fixed(now, ZoneOffset.UTC)).sign(NOTICE);
        byte[] reference = generated(key, NOTICE, now);

        assertSameButTheSignatureValue(ours, reference);
    }

    @ParameterizedTest
    @ValueSource(strings = {TestPki.HUB, TestPki.FACTORING})
    void followsTheClockAcrossSecondsAndPastUtcTime(String party) throws Exception {
        SigningKey key = Pki.load(dir, party);
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2049-12-31T23:59:59.400Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        CmsSigner signer = new CmsSigner(key, clock);

        // UTCTime up to 2049, GeneralizedTime from 2050 on (RFC 5652, 11.3): the attribute changes length and place
        for (String at : List.of("2049-12-31T23:59:59.400Z", "2049-12-31T23:59:59.900Z", "2050-01-01T00:00:00.100Z",
                "2050-01-01T00:00:01Z")) {
            now.set(Instant.parse(at));
            byte[] content = ("notice at " + at).getBytes(StandardCharsets.UTF_8);
            byte[] ours = signer.sign(content);

            assertSameButTheSignatureValue(ours, generated(key, content, now.get()));
            SignerInformation information = new CMSSignedData(new CMSProcessableByteArray(content), ours)
                    .getSignerInfos().getSigners().iterator().next();
            // by the key alone: the certificate is not valid in 2050, the signature is still the key's
            assertThat(information.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BouncyCastle.PROVIDER)
                    .build(key.certificate().getPublicKey()))).isTrue();
            assertThat(Time.getInstance(information.getSignedAttributes().get(CMSAttributes.signingTime)
                    .getAttrValues().getObjectAt(0)).getDate().toInstant())
                    .isEqualTo(now.get().truncatedTo(ChronoUnit.SECONDS));
        }
    }

    @Test
    void encodesLengthsAsDer() {
        assertThat(CmsSigner.encodedLength(0)).isEqualTo(2);
        assertThat(CmsSigner.encodedLength(127)).isEqualTo(129);
        assertThat(CmsSigner.encodedLength(128)).isEqualTo(131);
        assertThat(CmsSigner.encodedLength(255)).isEqualTo(258);
        assertThat(CmsSigner.encodedLength(256)).isEqualTo(260);
        assertThat(CmsSigner.encodedLength(65536)).isEqualTo(65541);
        assertThat(CmsSigner.compareDer(new byte[] {0x30, 0x18}, new byte[] {0x30, 0x1C})).isNegative();
        assertThat(CmsSigner.compareDer(new byte[] {0x30, (byte) 0x81}, new byte[] {0x30, 0x2F})).isPositive();
        assertThat(CmsSigner.compareDer(new byte[] {1}, new byte[] {1, 0})).isZero();
    }

    /**
     * {@code ours} is DER as Bouncy Castle writes it and, the signature values aside, {@code reference} byte for
     * byte: same order of the signed attributes, same certificate, same identifiers.
     */
    static void assertSameButTheSignatureValue(byte[] ours, byte[] reference) throws Exception {
        assertThat(ASN1Primitive.fromByteArray(ours).getEncoded(ASN1Encoding.DER)).isEqualTo(ours);
        assertThat(signatureValue(ours)).isNotEqualTo(signatureValue(reference));
        assertThat(withoutSignatureValue(ours)).isEqualTo(withoutSignatureValue(reference));
    }

    /**
     * The SignedData with an empty signature value. Rebuilt from the parsed elements as they are: an implicitly
     * tagged SET such as the signed attributes keeps the order it was written in.
     */
    static byte[] withoutSignatureValue(byte[] der) throws Exception {
        ASN1Sequence contentInfo = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
        ASN1Sequence signedData = ASN1Sequence.getInstance(
                ASN1TaggedObject.getInstance(contentInfo.getObjectAt(1)).getExplicitBaseObject());
        ASN1Set signerInfos = ASN1Set.getInstance(signedData.getObjectAt(signedData.size() - 1));
        assertThat(signerInfos.size()).isEqualTo(1);
        ASN1Sequence signerInfo = ASN1Sequence.getInstance(signerInfos.getObjectAt(0));
        ASN1OctetString.getInstance(signerInfo.getObjectAt(signerInfo.size() - 1)); // the signature value is last

        ASN1Sequence emptied = replaceLast(signerInfo, new DEROctetString(new byte[0]));
        ASN1Sequence rebuilt = replaceLast(signedData, new DERSet(emptied));
        return new DERSequence(new ASN1Encodable[] {contentInfo.getObjectAt(0), new DERTaggedObject(true, 0, rebuilt)})
                .getEncoded(ASN1Encoding.DER);
    }

    static byte[] signatureValue(byte[] der) throws Exception {
        SignedData signedData = SignedData.getInstance(ContentInfo.getInstance(ASN1Primitive.fromByteArray(der))
                .getContent());
        return SignerInfo.getInstance(signedData.getSignerInfos().getObjectAt(0)).getEncryptedDigest().getOctets();
    }

    private static ASN1Sequence replaceLast(ASN1Sequence sequence, ASN1Encodable last) {
        ASN1Encodable[] elements = sequence.toArray();
        elements[elements.length - 1] = last;
        return new DERSequence(elements);
    }

    /** Detached SignedData over {@code content} as Bouncy Castle's generator makes it, signing time {@code at}. */
    static byte[] generated(SigningKey key, byte[] content, Instant at) throws Exception {
        Date second = Date.from(at.truncatedTo(ChronoUnit.SECONDS));
        Attribute signingTime = new Attribute(CMSAttributes.signingTime, new DERSet(new Time(second)));
        X509CertificateHolder certificate = new X509CertificateHolder(key.certificate().getEncoded());
        CMSSignedDataGenerator cms = new CMSSignedDataGenerator();
        cms.addSignerInfoGenerator(new SignerInfoGeneratorBuilder(new BcDigestCalculatorProvider())
                .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(signingTime)))
                .build(new EngineSigner(SignatureSuite.of(key.algorithm()), key.privateKey()), certificate));
        cms.addCertificates(new JcaCertStore(List.of(certificate)));
        return cms.generate(new CMSProcessableByteArray(content), false).getEncoded(ASN1Encoding.DER);
    }

    static byte[] digest(SignatureSuite suite, byte[] content) {
        Digest digest = suite.newDigest();
        digest.update(content, 0, content.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }
}
