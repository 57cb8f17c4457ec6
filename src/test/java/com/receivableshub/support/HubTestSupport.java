package com.receivableshub.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.demo.FunderClient;
import com.receivableshub.demo.HubClient;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.participant.SecretResolver;
import com.receivableshub.model.Envelope;
import com.receivableshub.trust.DemoPki;
import com.receivableshub.trust.EnvelopeSigner;
import com.receivableshub.trust.Pki;
import com.receivableshub.trust.SignatureService;
import jakarta.jms.JMSException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole hub per test class, as it runs: real HTTP port, embedded broker on a free port, its own data folder
 * (H2 by default; {@link PostgresSchema} switches a class to PostgreSQL), the adapters of the repository.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class HubTestSupport {

    private static final AtomicInteger SERVER_IDS = new AtomicInteger(100);

    @LocalServerPort
    protected int httpPort;
    @Autowired
    protected ParticipantDirectory directory;
    @Autowired
    protected SecretResolver secrets;
    @Autowired
    protected ObjectMapper json;
    @Autowired
    protected com.receivableshub.HubProperties hub;
    @Autowired
    protected DemoPki demoPki;
    @Autowired
    protected SignatureService signatureService;

    @DynamicPropertySource
    static void hubProperties(DynamicPropertyRegistry registry) {
        Path dataDir = tempDir("hub-test");
        int brokerPort = freePort();
        int serverId = SERVER_IDS.incrementAndGet();
        registry.add("hub.data-dir", dataDir::toString);
        registry.add("hub.broker.port", () -> brokerPort);
        registry.add("hub.secrets.generate-missing", () -> true);
        registry.add("spring.artemis.embedded.server-id", () -> serverId);
    }

    protected HubClient http() {
        return new HubClient("http://127.0.0.1:" + httpPort);
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    protected String brokerUrl() {
        return "tcp://127.0.0.1:" + hub.broker().port();
    }

    protected Participant participant(String code) {
        return directory.byCode(code).orElseThrow();
    }

    protected Participant first(ParticipantRole role) {
        return directory.withRole(role).get(0);
    }

    protected String apiKey(Participant p) {
        return secrets.resolve(p.apiKey().orElseThrow());
    }

    protected FunderClient funderClient(Participant funder) throws JMSException {
        return new FunderClient(brokerUrl(), funder.brokerUser().orElseThrow(),
                secrets.resolve(funder.brokerPassword().orElseThrow()), funder.queue(), json);
    }

    /** The envelope signed with the participant's key from the demo certificate authority. */
    protected Envelope signed(Envelope envelope, Participant signer) {
        return EnvelopeSigner.sign(envelope, Pki.load(demoPki.sm2Dir(), signer.code()), signatureService);
    }

    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
