package com.receivableshub.trust;

import java.io.OutputStream;
import java.security.Signature;
import java.security.SignatureException;
import org.bouncycastle.operator.RuntimeOperatorException;

/** What the CMS code writes, fed to a JCA signature engine (to sign or to verify). */
final class SignatureStream extends OutputStream {

    private final Signature engine;
    private final String role;

    /** @param role what the engine does, for the error: "signature" or "verifier" */
    SignatureStream(Signature engine, String role) {
        this.engine = engine;
        this.role = role;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        try {
            engine.update(bytes, offset, length);
        } catch (SignatureException e) {
            throw new RuntimeOperatorException("cannot feed the " + role + ": " + e.getMessage(), e);
        }
    }
}
