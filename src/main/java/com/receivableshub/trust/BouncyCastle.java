package com.receivableshub.trust;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one Bouncy Castle provider of the hub, passed explicitly to every JCA call. It is not registered with
 * {@code Security.addProvider}: lookups by provider name scan the global list, and a process-wide change
 * would alter what the rest of the hub (TLS, Artemis) gets for the same algorithm names.
 */
final class BouncyCastle {

    static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {
    }
}
