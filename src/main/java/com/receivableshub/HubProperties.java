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
 */
@ConfigurationProperties(prefix = "hub")
public record HubProperties(
        @DefaultValue("12100000717800888F") String code,
        @DefaultValue(".") String home,
        @DefaultValue("./data") String dataDir,
        @DefaultValue("adapters") String adaptersDir,
        @DefaultValue Secrets secrets,
        @DefaultValue Broker broker,
        @DefaultValue Relay relay) {

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
     */
    public record Broker(
            @DefaultValue("true") boolean embedded,
            @DefaultValue("127.0.0.1") String host,
            @DefaultValue("61616") int port,
            @DefaultValue("hub") String hubUser,
            @DefaultValue("10") int maxDeliveries) {
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
