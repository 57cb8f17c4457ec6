package com.receivableshub.trust;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Date;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAlgorithmProtection;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;

/**
 * Makes detached CMS SignedData (RFC 5652) with one key, DER: one signer identified by issuer and serial number,
 * signed attributes (content type, signing time, CMS algorithm protection, message digest, as Bouncy Castle's
 * {@code CMSSignedDataGenerator} writes them) and the signer's certificate.
 *
 * <p>Everything but three values is the same for every signature of a key, so it is encoded once, when the signer
 * is made: the certificate, the signer's identifier, the algorithm identifiers, the fixed attributes. A signature
 * then computes the message digest of the content, signs the signed attributes (their template of the current
 * second, with the digest in its place) and writes the known parts and the signature value into one array of the
 * exact length. The signing time is encoded once a second.
 *
 * <p>Thread-safe: an initialised signature engine and a digest serve one signature at a time, so ready ones are
 * pooled rather than rebuilt (initialising an SM2 engine computes the public point and the Z value).
 */
final class CmsSigner {

    private static final int SEQUENCE = 0x30;
    private static final int SET = 0x31;
    private static final int OCTET_STRING = 0x04;
    private static final int CONTEXT_0 = 0xA0;

    private final SigningKey key;
    private final SignatureSuite suite;
    private final Clock clock;
    private final int digestLength;

    /** {@code OID signedData} of the ContentInfo. */
    private final byte[] contentType;
    /** SignedData up to its signer infos: version, digest algorithms, encapsulated content info, certificates. */
    private final byte[] signedDataHead;
    /** SignerInfo up to its signed attributes: version, issuer and serial number, digest algorithm. */
    private final byte[] signerInfoHead;
    /** The signature algorithm, between the signed attributes and the signature value. */
    private final byte[] signatureAlgorithm;
    /** The content type and algorithm protection attributes, the same for every signature. */
    private final byte[] contentTypeAttribute;
    private final byte[] algorithmProtectionAttribute;
    /** The message digest attribute with a zero digest, which ends it. */
    private final byte[] messageDigestAttribute;

    private volatile SignedAttributes attributes = new SignedAttributes(Long.MIN_VALUE, null, 0);
    private final Queue<Engine> idle = new ConcurrentLinkedQueue<>();

    CmsSigner(SigningKey key) {
        this(key, Clock.systemUTC());
    }

    CmsSigner(SigningKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
        this.suite = SignatureSuite.of(key.algorithm());
        this.digestLength = suite.newDigest().getDigestSize();
        AlgorithmIdentifier signatureAlgorithmId = suite.signatureAlgorithmIdentifier();
        AlgorithmIdentifier digestAlgorithmId = new DefaultDigestAlgorithmIdentifierFinder().find(signatureAlgorithmId);
        try {
            Certificate certificate = Certificate.getInstance(key.certificate().getEncoded());
            this.contentType = der(CMSObjectIdentifiers.signedData);
            this.signedDataHead = concat(
                    der(new ASN1Integer(1)),
                    der(new DERSet(digestAlgorithmId)),
                    der(new ContentInfo(CMSObjectIdentifiers.data, null)),
                    der(new DERTaggedObject(false, 0, new DERSet(certificate))));
            this.signerInfoHead = concat(
                    der(new ASN1Integer(1)),
                    der(new IssuerAndSerialNumber(certificate)),
                    der(digestAlgorithmId));
            this.signatureAlgorithm = der(signatureAlgorithmId);
            this.contentTypeAttribute = der(attribute(CMSAttributes.contentType, CMSObjectIdentifiers.data));
            this.algorithmProtectionAttribute = der(attribute(CMSAttributes.cmsAlgorithmProtect,
                    new CMSAlgorithmProtection(digestAlgorithmId, CMSAlgorithmProtection.SIGNATURE,
                            signatureAlgorithmId)));
            this.messageDigestAttribute = der(attribute(CMSAttributes.messageDigest,
                    new DEROctetString(new byte[digestLength])));
        } catch (CertificateEncodingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("certificate of " + key.subject() + " cannot be encoded", e);
        }
    }

    /** The DER encoding of a detached SignedData over {@code content}. */
    byte[] sign(byte[] content) {
        Engine engine = idle.poll();
        try {
            if (engine == null) {
                engine = new Engine(suite, key);
            }
            byte[] der = sign(engine, content);
            idle.offer(engine); // only after success: a failed engine may hold half a computation
            return der;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the key of " + key.subject() + ": " + e.getMessage(), e);
        }
    }

    private byte[] sign(Engine engine, byte[] content) throws GeneralSecurityException {
        byte[] digest = engine.messageDigest;
        engine.digest.update(content, 0, content.length);
        engine.digest.doFinal(digest, 0);

        // what is signed is the signed attributes encoded as a SET (RFC 5652, 5.4)
        SignedAttributes attrs = signedAttributes();
        byte[] set = attrs.set;
        int at = attrs.digestOffset;
        Signature signature = engine.signature;
        signature.update(set, 0, at);
        signature.update(digest, 0, digest.length);
        signature.update(set, at + digest.length, set.length - at - digest.length);
        byte[] value = signature.sign();

        int signerInfoLength = signerInfoHead.length + set.length + signatureAlgorithm.length
                + encodedLength(value.length);
        int signerInfosLength = encodedLength(encodedLength(signerInfoLength));
        int signedDataLength = signedDataHead.length + signerInfosLength;
        int contentInfoLength = contentType.length + encodedLength(encodedLength(signedDataLength));

        byte[] out = new byte[encodedLength(contentInfoLength)];
        int pos = header(out, 0, SEQUENCE, contentInfoLength);
        pos = put(out, pos, contentType);
        pos = header(out, pos, CONTEXT_0, encodedLength(signedDataLength)); // [0] EXPLICIT
        pos = header(out, pos, SEQUENCE, signedDataLength);
        pos = put(out, pos, signedDataHead);
        pos = header(out, pos, SET, encodedLength(signerInfoLength));
        pos = header(out, pos, SEQUENCE, signerInfoLength);
        pos = put(out, pos, signerInfoHead);
        int attributesAt = pos;
        pos = put(out, pos, set);
        out[attributesAt] = (byte) CONTEXT_0; // [0] IMPLICIT in the SignerInfo
        System.arraycopy(digest, 0, out, attributesAt + at, digest.length);
        pos = put(out, pos, signatureAlgorithm);
        pos = header(out, pos, OCTET_STRING, value.length);
        put(out, pos, value);
        return out;
    }

    /** The signed attributes of the current second. */
    private SignedAttributes signedAttributes() {
        long second = Math.floorDiv(clock.millis(), 1000);
        SignedAttributes current = attributes;
        if (current.second != second) {
            current = signedAttributes(second);
            attributes = current;
        }
        return current;
    }

    /**
     * The DER SET of the four attributes with the signing time {@code second} and a zero message digest, and where
     * the digest goes. DER orders a SET OF by the encodings of its elements; the digest's bytes come after what
     * sets the order apart (each attribute's length and type), so the order is the same for every digest.
     */
    private SignedAttributes signedAttributes(long second) {
        byte[] signingTime = der(attribute(CMSAttributes.signingTime, new Time(new Date(second * 1000))));
        byte[][] elements = {contentTypeAttribute, signingTime, algorithmProtectionAttribute, messageDigestAttribute};
        Arrays.sort(elements, CmsSigner::compareDer);
        int length = 0;
        for (byte[] element : elements) {
            length += element.length;
        }
        byte[] set = new byte[encodedLength(length)];
        int pos = header(set, 0, SET, length);
        int digestOffset = -1;
        for (byte[] element : elements) {
            pos = put(set, pos, element);
            if (element == messageDigestAttribute) {
                digestOffset = pos - digestLength;
            }
        }
        return new SignedAttributes(second, set, digestOffset);
    }

    /** The attributes of one second: their DER SET (tag and length included) and where the message digest goes. */
    private record SignedAttributes(long second, byte[] set, int digestOffset) {
    }

    /** A ready engine, initialised with the key, and a digest for the content. One signature at a time. */
    private static final class Engine {

        final Signature signature;
        final Digest digest;
        final byte[] messageDigest;

        Engine(SignatureSuite suite, SigningKey key) throws GeneralSecurityException {
            this.signature = suite.newSignature();
            signature.initSign(key.privateKey());
            this.digest = suite.newDigest();
            this.messageDigest = new byte[digest.getDigestSize()];
        }
    }

    private static Attribute attribute(ASN1ObjectIdentifier type, ASN1Encodable value) {
        return new Attribute(type, new DERSet(value));
    }

    private static byte[] der(ASN1Object object) {
        try {
            return object.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int pos = 0;
        for (byte[] part : parts) {
            pos = put(all, pos, part);
        }
        return all;
    }

    /** X.690 11.6: as octet strings, the shorter one padded with zeros at its end. */
    static int compareDer(byte[] a, byte[] b) {
        for (int i = 0, n = Math.max(a.length, b.length); i < n; i++) {
            int x = i < a.length ? a[i] & 0xFF : 0;
            int y = i < b.length ? b[i] & 0xFF : 0;
            if (x != y) {
                return x - y;
            }
        }
        return 0;
    }

    /** The length of a whole element (tag, length, contents) whose contents are {@code length} bytes. */
    static int encodedLength(int length) {
        return 1 + lengthOfLength(length) + length;
    }

    private static int lengthOfLength(int length) {
        if (length < 0x80) {
            return 1;
        }
        int bytes = 1;
        for (int rest = length; rest != 0; rest >>>= 8) {
            bytes++;
        }
        return bytes;
    }

    /** Writes a tag and a DER length at {@code pos}; returns where the contents start. */
    private static int header(byte[] out, int pos, int tag, int length) {
        out[pos++] = (byte) tag;
        if (length < 0x80) {
            out[pos++] = (byte) length;
            return pos;
        }
        int bytes = lengthOfLength(length) - 1;
        out[pos++] = (byte) (0x80 | bytes);
        for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
            out[pos++] = (byte) (length >>> shift);
        }
        return pos;
    }

    private static int put(byte[] out, int pos, byte[] part) {
        System.arraycopy(part, 0, out, pos, part.length);
        return pos + part.length;
    }
}
