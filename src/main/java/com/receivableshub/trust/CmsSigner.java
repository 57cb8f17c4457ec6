package com.receivableshub.trust;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.Store;

/**
 * Makes detached CMS SignedData with one key: signed attributes (content type, message digest, signing time,
 * algorithm protection) and the signer's certificate, DER. Thread-safe: a signer-info generator holds an
 * initialised engine and serves one signature at a time, so ready ones are pooled rather than rebuilt.
 */
final class CmsSigner {

    private final SigningKey key;
    private final SignatureSuite suite;
    private final DigestCalculatorProvider digests;
    private final X509CertificateHolder certificate;
    private final Store<X509CertificateHolder> certificates;
    private final Queue<SignerInfoGenerator> idle = new ConcurrentLinkedQueue<>();

    CmsSigner(SigningKey key, DigestCalculatorProvider digests) {
        this.key = key;
        this.suite = SignatureSuite.of(key.algorithm());
        this.digests = digests;
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
            cms.addSignerInfoGenerator(generator);
            cms.addCertificates(certificates);
            byte[] der = cms.generate(new CMSProcessableByteArray(content), false).getEncoded(ASN1Encoding.DER);
            idle.offer(generator); // only after success: a failed engine may hold half a computation
            return der;
        } catch (CMSException | IOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the key of " + key.subject() + ": " + e.getMessage(), e);
        }
    }
}
