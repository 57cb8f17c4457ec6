package com.receivableshub.security;

import com.receivableshub.HubProperties;
import com.receivableshub.participant.SecretRef;
import com.receivableshub.participant.SecretResolver;
import com.receivableshub.trust.DemoPki;
import com.receivableshub.trust.TlsPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.server.ConfigurableServletWebServerFactory;
import org.springframework.core.Ordered;

/**
 * HTTPS with client certificates on {@code server.port} ({@code hub.tls.*}): the key store and trust store are
 * named by configuration (production) or made by the demo TLS authority in {@code ${hub.data-dir}/pki/tls} where
 * secrets may be generated. Their passwords are secret references. Runs after Spring Boot's own {@code server.ssl}
 * customizer, so {@code hub.tls.*} wins when it is on.
 */
public final class HubTls implements WebServerFactoryCustomizer<ConfigurableServletWebServerFactory>, Ordered {

    private final HubProperties hub;
    private final SecretResolver secrets;
    private final DemoPki demoPki;

    public HubTls(HubProperties hub, SecretResolver secrets, DemoPki demoPki) {
        this.hub = hub;
        this.secrets = secrets;
        this.demoPki = demoPki;
    }

    @Override
    public void customize(ConfigurableServletWebServerFactory factory) {
        factory.setSsl(ssl());
    }

    Ssl ssl() {
        HubProperties.Tls tls = hub.tls();
        Ssl.ClientAuth clientAuth = switch (tls.clientAuth().toLowerCase(Locale.ROOT)) {
            case "want" -> Ssl.ClientAuth.WANT;
            case "need" -> Ssl.ClientAuth.NEED;
            default -> throw new IllegalStateException("hub.tls.client-auth: '" + tls.clientAuth()
                    + "' is not one of [want, need]");
        };
        String keyStorePassword = password("hub.tls.key-store-password", tls.keyStorePassword(), "tls-key-store.password");
        String trustStorePassword = password("hub.tls.trust-store-password", tls.trustStorePassword(),
                "tls-trust-store.password");
        Path keyStore = store("hub.tls.key-store", tls.keyStore(), TlsPki.SERVER_KEY_STORE);
        Path trustStore = store("hub.tls.trust-store", tls.trustStore(), TlsPki.TRUST_STORE);
        if (tls.keyStore().isBlank() || tls.trustStore().isBlank()) {
            TlsPki.ensureServer(demoPki.tlsDir(), keyStorePassword.toCharArray(), trustStorePassword.toCharArray());
        }
        for (var e : java.util.Map.of("hub.tls.key-store", keyStore, "hub.tls.trust-store", trustStore).entrySet()) {
            if (!Files.isRegularFile(e.getValue())) {
                throw new IllegalStateException(e.getKey() + ": file '" + e.getValue() + "' not found");
            }
        }
        Ssl ssl = new Ssl();
        ssl.setEnabled(true);
        ssl.setKeyStore("file:" + keyStore.toAbsolutePath());
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePassword(keyStorePassword);
        ssl.setTrustStore("file:" + trustStore.toAbsolutePath());
        ssl.setTrustStoreType("PKCS12");
        ssl.setTrustStorePassword(trustStorePassword);
        ssl.setClientAuth(clientAuth);
        return ssl;
    }

    private String password(String key, String reference, String demoFile) {
        String ref = reference.isBlank()
                ? "file:" + hub.dataPath().resolve("secrets").resolve(demoFile).toAbsolutePath()
                : reference;
        try {
            return secrets.resolve(SecretRef.parse(key, ref));
        } catch (RuntimeException e) {
            throw new IllegalStateException(key + ": " + e.getMessage(), e);
        }
    }

    private Path store(String key, String configured, String demoFile) {
        if (!configured.isBlank()) {
            return hub.homePath().resolve(configured);
        }
        if (!hub.secrets().generateMissing()) {
            throw new IllegalStateException(key + " is not set: with hub.tls.enabled and hub.secrets.generate-missing"
                    + " off, name the PKCS#12 file");
        }
        return demoPki.tlsDir().resolve(demoFile);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
