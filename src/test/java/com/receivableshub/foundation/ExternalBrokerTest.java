package com.receivableshub.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.demo.FunderClient;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.Ping;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.support.HubProcess;
import com.receivableshub.support.HubTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The hub against a standalone Artemis 2.40.0 (the production broker): {@code .ci/artemis.sh} downloads it from
 * Maven Central, creates an instance listening on 127.0.0.1:61716 only, and stops it after the test.
 */
class ExternalBrokerTest {

    static final Path CI_DIR = Path.of(".ci", "artemis");
    static final String FUNDER = "91350200123456700W";

    @BeforeAll
    static void startBroker() throws Exception {
        artemis("start");
    }

    @AfterAll
    static void stopBroker() throws Exception {
        artemis("stop");
    }

    static void artemis(String command) throws Exception {
        Process process = new ProcessBuilder("bash", ".ci/artemis.sh", command).inheritIO().start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(".ci/artemis.sh " + command + " finished").isTrue();
        assertThat(process.exitValue()).as(".ci/artemis.sh " + command + " exit code").isZero();
    }

    @Test
    void aFunderMessageGoesInAndTheAnswerComesOutThroughTheStandaloneBroker() throws Exception {
        Path hubPassword = CI_DIR.resolve("hub.password");
        Path funderPassword = CI_DIR.resolve("funder.password");
        String url = "tcp://127.0.0.1:61716";

        Path dataDir = HubTestSupport.tempDir("hub-external");
        // The funder's broker password as the broker knows it, where its adapter file points.
        Files.createDirectories(dataDir.resolve("secrets"));
        Files.copy(funderPassword, dataDir.resolve("secrets/funder-demo-bank-fujian.broker"));

        Map<String, Object> props = Map.of(
                "spring.artemis.broker-url", url,
                "spring.artemis.user", "hub",
                "spring.artemis.password", Files.readString(hubPassword).trim());
        try (ConfigurableApplicationContext hub = HubProcess.start(dataDir, HubTestSupport.freePort(), props,
                "external-broker")) {
            ObjectMapper json = hub.getBean(ObjectMapper.class);
            Participant bank = hub.getBean(ParticipantDirectory.class).byCode(FUNDER).orElseThrow();
            try (FunderClient client = new FunderClient(url, bank.brokerUser().orElseThrow(),
                    Files.readString(funderPassword).trim(), bank.queue(), json)) {
                String id = UUID.randomUUID().toString();
                client.send(new Envelope(id, id, MessageType.PING, FUNDER, List.of(), OffsetDateTime.now(),
                        json.valueToTree(new Ping("standalone")), null));
                Envelope pong = client.receive(Duration.ofSeconds(15)).orElseThrow();
                assertThat(pong.type()).isEqualTo(MessageType.PONG);
                assertThat(pong.correlationId()).isEqualTo(id);
                assertThat(client.receive(Duration.ofMillis(500))).isEmpty();
            }
        }
    }
}
