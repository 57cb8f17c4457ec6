package com.receivableshub.participant;

/** How a participant signs and wants to receive signatures. */
public enum SignatureAlgorithm {
    /** SM2 with SM3 (GB/T 32918), the default. */
    SM2,
    /** ECDSA on P-256 with SHA-256, for partners that ask for it. */
    ECDSA_P256
}
