package com.receivableshub.trust;

import com.receivableshub.participant.SignatureAlgorithm;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerId;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.util.encoders.Hex;

/**
 * Verifies detached CMS SignedData against one registered certificate, parsed once. Checks, in order: the
 * declared algorithm fits the certificate's key; a DER SignedData with nothing after it, without content of its
 * own; exactly one signer, using exactly the algorithm declared; the signer's certificate, if carried, is the
 * registered one byte for byte; the signature, with the registered key; the certificate's validity at signing
 * time. Thread-safe.
 */
final class CmsVerifier {

    private final byte[] encoded;
    private final X509CertificateHolder holder;
    private final SignatureSuite suite;
    private final SignerInformationVerifier verifier;
    private final Date notBefore;
    private final Date notAfter;

    CmsVerifier(X509Certificate registered, DigestCalculatorProvider digests) {
        try {
            this.encoded = registered.getEncoded();
            this.holder = new X509CertificateHolder(encoded);
            this.suite = SignatureSuite.ofKey(holder.getSubjectPublicKeyInfo()).orElse(null);
            if (suite == null) {
                this.verifier = null;
            } else {
                // parsed by Bouncy Castle: the JDK does not know the SM2 curve
                PublicKey key = KeyFactory.getInstance("EC", BouncyCastle.PROVIDER)
                        .generatePublic(new X509EncodedKeySpec(holder.getSubjectPublicKeyInfo().getEncoded()));
                this.verifier = new SignerInformationVerifier(new DefaultCMSSignatureAlgorithmNameGenerator(),
                        new DefaultSignatureAlgorithmIdentifierFinder(), new EngineVerifierProvider(suite, key), digests);
            }
        } catch (IOException | CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot be encoded: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("its key cannot be read: " + e.getMessage(), e);
        }
        this.notBefore = registered.getNotBefore();
        this.notAfter = registered.getNotAfter();
    }

    Verification verify(byte[] content, SignatureAlgorithm declared, String value) {
        if (suite == null) {
            return Verification.invalid("the registered certificate of the sender holds neither an SM2 nor a P-256 key");
        }
        if (suite.algorithm != declared) {
            return Verification.invalid("algorithm " + declared + " does not match the registered certificate of the"
                    + " sender, which holds an " + suite.algorithm + " key");
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return Verification.invalid("not a CMS SignedData: not base64");
        }
        ContentInfo contentInfo;
        SignedData signedData;
        try {
            // fromByteArray refuses trailing bytes: nothing may ride along unsigned after the structure
            contentInfo = ContentInfo.getInstance(ASN1Primitive.fromByteArray(der));
            if (contentInfo == null || !CMSObjectIdentifiers.signedData.equals(contentInfo.getContentType())) {
                return Verification.invalid("not a CMS SignedData: content type is "
                        + (contentInfo == null ? "missing" : contentInfo.getContentType()));
            }
            signedData = SignedData.getInstance(contentInfo.getContent());
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            return Verification.invalid("not a CMS SignedData: " + e.getMessage());
        }
        if (signedData.getEncapContentInfo().getContent() != null) {
            return Verification.invalid("not a detached signature: the SignedData carries content of its own");
        }
        if (!CMSObjectIdentifiers.data.equals(signedData.getEncapContentInfo().getContentType())) {
            return Verification.invalid("signed content type is " + signedData.getEncapContentInfo().getContentType()
                    + ", not data");
        }
        CMSSignedData cms;
        try {
            cms = new CMSSignedData(new CMSProcessableByteArray(content), contentInfo);
        } catch (CMSException e) {
            return Verification.invalid("not a CMS SignedData: " + e.getMessage());
        }
        Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            return Verification.invalid("expected exactly one signer, found " + signers.size());
        }
        SignerInformation signer = signers.iterator().next();
        if (!suite.signatureOid.getId().equals(signer.getEncryptionAlgOID())
                || !suite.digestOid.getId().equals(signer.getDigestAlgOID())) {
            return Verification.invalid("algorithm " + declared + " is declared, but the signer used signature "
                    + signer.getEncryptionAlgOID() + " with digest " + signer.getDigestAlgOID());
        }
        Verification signedByRegistered = signedByRegistered(cms, signer);
        if (!signedByRegistered.valid()) {
            return signedByRegistered;
        }
        try {
            if (!signer.verify(verifier)) {
                return Verification.invalid("signature does not match the content");
            }
        } catch (CMSSignerDigestMismatchException e) {
            return Verification.invalid("signature does not match the content");
        } catch (CMSException e) {
            return Verification.invalid("signature is malformed: " + e.getMessage());
        }
        return validity(signer);
    }

    /**
     * Against signature wrapping: whatever certificate the signer points to must be the registered one, and the
     * signature is then checked with the registered key, never with a key taken from the message.
     */
    private Verification signedByRegistered(CMSSignedData cms, SignerInformation signer) {
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> carried = cms.getCertificates().getMatches(signer.getSID());
        for (X509CertificateHolder certificate : carried) {
            if (!Arrays.equals(encoded(certificate), encoded)) {
                return Verification.invalid("signed by " + CertificateNames.subject(certificate.getSubject())
                        + ", not by the registered certificate of the sender");
            }
        }
        SignerId sid = signer.getSID();
        if (carried.isEmpty() && !sid.match(holder)) {
            String who = sid.getIssuer() != null
                    ? "certificate " + sid.getSerialNumber().toString(16) + " of " + CertificateNames.subject(sid.getIssuer())
                    : "key " + Hex.toHexString(sid.getSubjectKeyIdentifier());
            return Verification.invalid("signed by " + who + ", not by the registered certificate of the sender");
        }
        return Verification.ok();
    }

    /** At the signing time the signer claims, or now without one; a claimed time is only as good as the signer. */
    private Verification validity(SignerInformation signer) {
        AttributeTable attributes = signer.getSignedAttributes();
        Attribute signingTime = attributes == null ? null : attributes.get(CMSAttributes.signingTime);
        Date at = signingTime == null ? new Date() : Time.getInstance(signingTime.getAttrValues().getObjectAt(0)).getDate();
        String when = signingTime == null ? "now" : "at signing time " + at.toInstant();
        if (at.before(notBefore)) {
            return Verification.invalid("certificate not yet valid " + when + " (valid from " + notBefore.toInstant() + ")");
        }
        if (at.after(notAfter)) {
            return Verification.invalid("certificate expired " + when + " (valid until " + notAfter.toInstant() + ")");
        }
        return Verification.ok();
    }

    private static byte[] encoded(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
        }
    }
}
