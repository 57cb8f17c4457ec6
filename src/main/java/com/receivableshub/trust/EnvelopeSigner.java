package com.receivableshub.trust;

import com.receivableshub.model.Envelope;
import com.receivableshub.model.Signature;

/** Signs an envelope's payload (its canonical bytes) and puts the signature in the envelope. */
public final class EnvelopeSigner {

    private EnvelopeSigner() {
    }

    public static Envelope sign(Envelope envelope, SigningKey key, SignatureService service) {
        Signature signature = service.sign(CanonicalJson.bytes(envelope.payload()), key);
        return new Envelope(envelope.messageId(), envelope.correlationId(), envelope.type(), envelope.sender(),
                envelope.receivers(), envelope.time(), envelope.payload(), signature);
    }
}
