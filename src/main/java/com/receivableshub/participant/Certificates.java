package com.receivableshub.participant;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/** Reads the X.509 certificates adapter files point to. */
public final class Certificates {

    private Certificates() {
    }

    public static X509Certificate readPem(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("'" + path + "' is not a readable X.509 certificate: " + e.getMessage(), e);
        }
    }
}
