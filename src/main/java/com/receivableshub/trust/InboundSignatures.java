package com.receivableshub.trust;

import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.participant.Participant;
import com.receivableshub.pipeline.RefusedException;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.Set;

/**
 * What must come in signed, and the check: a funder's pledge/transfer notice and trade, a core enterprise's
 * approval of a credit line, a treasury's acknowledgement of a lock. The signature (detached CMS) must be over the
 * canonical bytes of the payload ({@link CanonicalJson}) and made with the certificate the sender registered;
 * otherwise the message is refused with the reason and goes nowhere.
 */
public final class InboundSignatures {

    public static final Set<MessageType> SIGNED = EnumSet.of(MessageType.PLEDGE_NOTICE, MessageType.TRADE,
            MessageType.CREDIT_LINE_APPROVAL, MessageType.ACCOUNT_LOCK_ACK);

    private final SignatureService signatures;
    private final RegisteredCertificates certificates;

    public InboundSignatures(SignatureService signatures, RegisteredCertificates certificates) {
        this.signatures = signatures;
        this.certificates = certificates;
    }

    public void check(Participant sender, Envelope envelope) {
        if (!SIGNED.contains(envelope.type())) {
            return;
        }
        if (envelope.signature() == null || envelope.signature().value() == null
                || envelope.signature().value().isBlank()) {
            throw new RefusedException(403, "signature", "unsigned: a " + envelope.type()
                    + " must carry the sender's signature");
        }
        X509Certificate registered = certificates.of(sender.code()).orElseThrow(() -> new RefusedException(403,
                "signature", sender.code() + " has no registered certificate to verify its signature against"));
        Verification verification = signatures.verify(CanonicalJson.bytes(envelope.payload()), envelope.signature(),
                registered);
        if (!verification.valid()) {
            throw new RefusedException(403, "signature", verification.reason());
        }
    }
}
