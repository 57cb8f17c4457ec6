package com.receivableshub.model;

/** 电子签名: detached CMS SignedData (GB/T 35275) over the payload bytes, base64; algorithm e.g. SM3withSM2. */
public record Signature(String algorithm, String value) {
}
