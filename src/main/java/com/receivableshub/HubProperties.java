package com.receivableshub;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The hub's own configuration keys ({@code hub.*}); see README, "Configuration".
 *
 * @param code        the platform's own unified social credit code, the sender of what the hub sends
 * @param home        where routes/, adapters/ and mappings/ are found
 * @param dataDir     where the embedded broker's journal, the H2 files and generated secrets live
 * @param adaptersDir the adapter files, one per participant
 * @param secrets     how secret references are resolved
 * @param broker      the broker the hub uses
 * @param tls         TLS (and client certificates) on the HTTP server of REST, SOAP and the actuator
 * @param security    which ways of proving who one is the REST and SOAP interfaces accept
 */
@ConfigurationProperties(prefix = "hub")
public record HubProperties(
        @DefaultValue("12100000717800888F") String code,
        @DefaultValue(".") String home,
        @DefaultValue("./data") String dataDir,
        @DefaultValue("adapters") String adaptersDir,
        @DefaultValue Secrets secrets,
        @DefaultValue Broker broker,
        @DefaultValue Relay relay,
        @DefaultValue Tls tls,
        @DefaultValue Security security) {

    /**
     * @param enabled            serve HTTPS on {@code server.port}
     * @param clientAuth         {@code want} (a client certificate is asked for; callers without one may use an API
     *                           key or, on SOAP, a UsernameToken) or {@code need} (no handshake without one)
     * @param keyStore           PKCS#12 file of the hub's TLS key and certificate chain; empty: the demo TLS
     *                           authority makes one in {@code ${hub.data-dir}/pki/tls} (only where secrets may be
     *                           generated)
     * @param keyStorePassword   its password, a secret reference ({@code env:NAME} or {@code file:PATH}); empty:
     *                           {@code file:${hub.data-dir}/secrets/tls-key-store.password}
     * @param trustStore         PKCS#12 file of the CA certificates client certificates may be issued by; empty:
     *                           the demo TLS authority's
     * @param trustStorePassword its password, a secret reference; empty:
     *                           {@code file:${hub.data-dir}/secrets/tls-trust-store.password}
     */
    public record Tls(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("want") String clientAuth,
            @DefaultValue("") String keyStore,
            @DefaultValue("") String keyStorePassword,
            @DefaultValue("") String trustStore,
            @DefaultValue("") String trustStorePassword) {
    }

    /**
     * @param apiKeys              accept {@code X-Api-Key} (demo, development); off in production, where only
     *                             registered client certificates (and, on SOAP, UsernameTokens) identify a caller
     * @param usernameToken        accept a WS-Security UsernameToken (PasswordDigest) on SOAP from participants
     *                             whose adapter has {@code identity.soapPassword}
     * @param usernameTokenMaxAge  how old (or how far ahead) a token's {@code Created} may be; its nonce is
     *                             remembered that long, so a replayed token is refused
     */
    public record Security(
            @DefaultValue("true") boolean apiKeys,
            @DefaultValue("true") boolean usernameToken,
            @DefaultValue("PT5M") java.time.Duration usernameTokenMaxAge) {
    }

    /**
     * @param periodMs   how often the relay looks for due outbox rows
     * @param batchSize  how many rows it takes at a time
     * @param maxBytes   at most this many body bytes in memory at a time (at least one row is taken)
     * @param queueBatch broker sends per JMS transaction
     */
    public record Relay(@DefaultValue("200") long periodMs, @DefaultValue("500") int batchSize,
                        @DefaultValue("33554432") long maxBytes, @DefaultValue("64") int queueBatch) {
    }

    /**
     * @param generateMissing create a random secret for a {@code file:} reference whose file does not exist
     *                        (demo and tests); off in production, where a missing secret stops start-up
     */
    public record Secrets(@DefaultValue("false") boolean generateMissing) {
    }

    /**
     * @param embedded       run the broker inside the hub
     * @param host           the embedded broker's acceptor host
     * @param port           the embedded broker's acceptor port (CORE, AMQP, OpenWire, STOMP)
     * @param hubUser        the hub's own user on an external broker
     * @param maxDeliveries  deliveries before a message goes to the dead-letter address
     * @param redeliveryDelayMs    how long a message that failed waits before it is delivered again (doubled at
     *                             each attempt); the consumer takes the messages behind it meanwhile
     * @param maxRedeliveryDelayMs the longest such wait
     */
    public record Broker(
            @DefaultValue("true") boolean embedded,
            @DefaultValue("127.0.0.1") String host,
            @DefaultValue("61616") int port,
            @DefaultValue("hub") String hubUser,
            @DefaultValue("10") int maxDeliveries,
            @DefaultValue("1000") long redeliveryDelayMs,
            @DefaultValue("60000") long maxRedeliveryDelayMs) {
    }

    /** Paths are kept as text: Spring would resolve a Path against the servlet context, not the working folder. */
    public Path homePath() {
        return Path.of(home);
    }

    public Path dataPath() {
        return resolve(dataDir);
    }

    public Path adaptersPath() {
        return resolve(adaptersDir);
    }

    private Path resolve(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : homePath().resolve(p);
    }
}
