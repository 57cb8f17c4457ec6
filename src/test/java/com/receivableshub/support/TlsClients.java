package com.receivableshub.support;

import com.receivableshub.participant.Certificates;
import com.receivableshub.trust.KeyMaterial;
import com.receivableshub.trust.TlsPki;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.cxf.configuration.jsse.TLSClientParameters;

/** TLS contexts of test clients: a participant's client certificate (or none) and the demo TLS CA as trust. */
public final class TlsClients {

    private static final char[] PASSWORD = "test-only".toCharArray();

    private TlsClients() {
    }

    /** The client key and certificate the demo TLS authority made for a participant (its registered one). */
    public static TlsPki.Issued registered(Path tlsDir, String code) {
        return new TlsPki.Issued(TlsPki.readKey(TlsPki.clientKeyFile(tlsDir, code)),
                Certificates.readPem(TlsPki.clientCertificateFile(tlsDir, code)));
    }

    /** A context presenting {@code client} (none if null) and trusting the demo TLS CA of {@code tlsDir}. */
    public static SSLContext context(Path tlsDir, TlsPki.Issued client) {
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(keyManagers(client).getKeyManagers(), trustManagers(tlsDir).getTrustManagers(), null);
            return ssl;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same for a CXF client's conduit. */
    public static TLSClientParameters cxf(Path tlsDir, TlsPki.Issued client) {
        try {
            TLSClientParameters params = new TLSClientParameters();
            params.setKeyManagers(keyManagers(client).getKeyManagers());
            params.setTrustManagers(trustManagers(tlsDir).getTrustManagers());
            return params;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyManagerFactory keyManagers(TlsPki.Issued client) throws GeneralSecurityException,
            java.io.IOException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (client != null) {
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(
                    new PKCS8EncodedKeySpec(client.key().getEncoded()));
            keys.setKeyEntry("client", key, PASSWORD, new Certificate[]{client.certificate()});
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        return kmf;
    }

    private static TrustManagerFactory trustManagers(Path tlsDir) throws GeneralSecurityException,
            java.io.IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        X509Certificate ca = Certificates.readPem(tlsDir.resolve(TlsPki.CA_CERTIFICATE));
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf;
    }
}
