package com.receivableshub.trust;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerationException;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.Store;

/**
 * Makes detached CMS SignedData with one key: signed attributes (content type, message digest, signing time,
 * algorithm protection) and the signer's certificate, DER. Thread-safe: a signer-info generator holds an
 * initialised engine and serves one signature at a time, so ready ones, each with its CMS generator that already
 * holds the certificate, are pooled rather than rebuilt.
 */
final class CmsSigner {

    private final SigningKey key;
    private final SignatureSuite suite;
    private final DigestCalculatorProvider digests;
    private final X509CertificateHolder certificate;
    private final Store<X509CertificateHolder> certificates;
    private final CMSAttributeTableGenerator signedAttributes;
    private final Queue<Slot> idle = new ConcurrentLinkedQueue<>();

    CmsSigner(SigningKey key, DigestCalculatorProvider digests) {
        this(key, digests, Clock.systemUTC());
    }

    CmsSigner(SigningKey key, DigestCalculatorProvider digests, Clock clock) {
        this.key = key;
        this.signedAttributes = new SigningTimeOncePerSecond(clock);
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
        Slot slot = idle.poll();
        try {
            if (slot == null) {
                slot = new Slot(new SignerInfoGeneratorBuilder(digests)
                        .setSignedAttributeGenerator(signedAttributes)
                        .build(new EngineSigner(suite, key.privateKey()), certificate), certificates);
            }
            byte[] der = slot.cms.generate(new CMSProcessableByteArray(content), false).getEncoded(ASN1Encoding.DER);
            idle.offer(slot); // only after success: a failed engine may hold half a computation
            return der;
        } catch (CMSException | IOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the key of " + key.subject() + ": " + e.getMessage(), e);
        }
    }

    /** A ready generator: its signer-info generator (one initialised engine) and the certificate, reused. */
    private static final class Slot {

        final CMSSignedDataGenerator cms = new CMSSignedDataGenerator();

        Slot(SignerInfoGenerator generator, Store<X509CertificateHolder> certificates) throws CMSException {
            cms.addSignerInfoGenerator(generator);
            cms.addCertificates(certificates);
        }
    }

    /**
     * The standard signed attributes (content type, message digest, algorithm protection) with a signing time made
     * once a second: Bouncy Castle would format (and re-parse) a new UTC time with a new {@code SimpleDateFormat}
     * for every signature, a tenth of the cost of signing. The time has one-second resolution anyway.
     */
    static final class SigningTimeOncePerSecond implements CMSAttributeTableGenerator {

        private final Clock clock;
        private volatile CachedTime cached = new CachedTime(Long.MIN_VALUE, null);

        SigningTimeOncePerSecond(Clock clock) {
            this.clock = clock;
        }

        @Override
        public AttributeTable getAttributes(Map parameters) throws CMSAttributeTableGenerationException {
            return new DefaultSignedAttributeTableGenerator(new AttributeTable(signingTime()))
                    .getAttributes(parameters);
        }

        Attribute signingTime() {
            long second = Math.floorDiv(clock.millis(), 1000);
            CachedTime c = cached;
            if (c.second != second) {
                c = new CachedTime(second, new Attribute(CMSAttributes.signingTime,
                        new DERSet(new Time(new Date(second * 1000)))));
                cached = c;
            }
            return c.attribute;
        }

        private record CachedTime(long second, Attribute attribute) {
        }
    }
}
