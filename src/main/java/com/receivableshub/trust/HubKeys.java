package com.receivableshub.trust;

import com.receivableshub.participant.SignatureAlgorithm;

/**
 * The hub's own signing keys: SM2 (the default) and ECDSA P-256 for partners whose adapter asks for it.
 */
public record HubKeys(SigningKey sm2, SigningKey ecdsa) {

    public SigningKey forAlgorithm(SignatureAlgorithm algorithm) {
        return algorithm == SignatureAlgorithm.ECDSA_P256 ? ecdsa : sm2;
    }
}
