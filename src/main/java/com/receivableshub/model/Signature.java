package com.receivableshub.model;

/**
 * 电子签名: detached CMS SignedData (RFC 5652, as GB/T 35275 profiles it) over the payload bytes, DER, base64;
 * algorithm {@code SM2} (SM3withSM2) or {@code ECDSA_P256} (SHA256withECDSA), the names of
 * {@code SignatureAlgorithm}. Made and checked by {@code com.receivableshub.trust.SignatureService}.
 */
public record Signature(String algorithm, String value) {
}
