package com.receivableshub.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.demo.FunderClient;
import com.receivableshub.demo.HubClient;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.Ping;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.SecretResolver;
import com.receivableshub.support.HubProcess;
import com.receivableshub.support.HubTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The standalone broker (Artemis 2.40.0 from {@code .ci/artemis.sh}, on its own port so that it does not meet the
 * one of {@code ExternalBrokerTest}) stops while a funder is sending and the relay is delivering, and starts again.
 * The hub reconnects by itself (the JMS consumer recovers, the relay's failed sends stay pending and are retried with
 * the same duplicate id); every message taken is answered on the funder's queue exactly once.
 */
class BrokerOutageTest {

    static final int PORT = 61736;
    static final String URL = "tcp://127.0.0.1:" + PORT;
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
        ProcessBuilder builder = new ProcessBuilder("bash", ".ci/artemis.sh", command).inheritIO();
        builder.environment().put("ARTEMIS_PORT", String.valueOf(PORT));
        Process process = builder.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(".ci/artemis.sh " + command + " finished").isTrue();
        assertThat(process.exitValue()).as(".ci/artemis.sh " + command + " exit code").isZero();
    }

    @Test
    void theBrokerStopsMidFlowAndComesBackWithoutLossOrDuplicates() throws Exception {
        Path dataDir = HubTestSupport.tempDir("hub-broker-outage");
        Files.createDirectories(dataDir.resolve("secrets"));
        Files.copy(CI_DIR.resolve("funder.password"), dataDir.resolve("secrets/funder-demo-bank-fujian.broker"));
        String funderPassword = Files.readString(CI_DIR.resolve("funder.password")).trim();
        Map<String, Object> props = Map.of(
                "spring.artemis.broker-url", URL,
                "spring.artemis.user", "hub",
                "spring.artemis.password", Files.readString(CI_DIR.resolve("hub.password")).trim(),
                "hub.relay.period-ms", 50,
                "hub.feed.auto-startup", false);
        Set<String> expected = new LinkedHashSet<>();
        Map<String, Integer> answers = new HashMap<>();
        int brokerSent = 0;
        int restDuringOutage = 0;
        try (ConfigurableApplicationContext hub = HubProcess.start(dataDir, HubTestSupport.freePort(), props,
                "external-broker")) {
            ObjectMapper json = hub.getBean(ObjectMapper.class);
            Participant bank = hub.getBean(ParticipantDirectory.class).byCode(FUNDER).orElseThrow();
            String apiKey = hub.getBean(SecretResolver.class).resolve(bank.apiKey().orElseThrow());
            HubClient http = new HubClient("http://127.0.0.1:" + hub.getEnvironment().getProperty("local.server.port"));
            JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);

            try (FunderClient sender = client(bank, funderPassword, json);
                 FunderClient receiver = client(bank, funderPassword, json)) {
                for (int i = 0; i < 30; i++) {
                    expected.add(send(sender, ping(json, "before " + i)));
                    brokerSent++;
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> DatabaseOutageTest.receiveSome(receiver, answers) >= 3);
                // The broker stops while the rest is being taken in and delivered.
                artemis("stop");
            } catch (jakarta.jms.JMSException closingAfterStop) {
                // the funder's connections went down with the broker
            }

            // While it is down, REST intake goes on: those answers wait in the outbox.
            for (int i = 0; i < 5; i++) {
                Envelope ping = ping(json, "rest during " + i);
                assertThat(http.post("/api/v1/messages", apiKey, "application/json", json.writeValueAsString(ping))
                        .statusCode()).isEqualTo(202);
                expected.add(ping.messageId());
                restDuringOutage++;
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                    "SELECT COUNT(*) FROM outbox WHERE status = 'PENDING' AND attempts > 0", Integer.class) > 0);

            artemis("start");
            try (FunderClient sender = client(bank, funderPassword, json);
                 FunderClient receiver = client(bank, funderPassword, json)) {
                for (int i = 0; i < 20; i++) {
                    expected.add(send(sender, ping(json, "after " + i)));
                    brokerSent++;
                }
                await().atMost(Duration.ofSeconds(120)).until(() -> {
                    DatabaseOutageTest.receiveSome(receiver, answers);
                    return answers.keySet().containsAll(expected);
                });
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                        DatabaseOutageTest.receiveSome(receiver, answers) >= 0 && answers.values().stream().allMatch(n -> n == 1));
            }
            // Every message taken once, each answered once.
            for (String id : expected) {
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE correlation_id = ?", Integer.class,
                        id)).as("answers written for %s", id).isEqualTo(1);
            }
        }
        long lost = expected.stream().filter(id -> !answers.containsKey(id)).count();
        long duplicated = answers.values().stream().mapToLong(n -> n - 1).sum();
        assertThat(lost).isZero();
        assertThat(duplicated).isZero();
        assertThat(answers.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        System.out.printf("RELIABILITY broker-outage broker-sent=%d rest-during-outage=%d expected=%d delivered=%d"
                        + " lost=%d duplicated=%d%n", brokerSent, restDuringOutage, expected.size(), answers.size(),
                lost, duplicated);
    }

    /** Acknowledgements block until the broker has them: an answer counted here was really taken off the queue. */
    static FunderClient client(Participant bank, String password, ObjectMapper json) throws Exception {
        return new FunderClient(URL + "?blockOnAcknowledge=true", bank.brokerUser().orElseThrow(), password,
                bank.queue(), json);
    }

    static Envelope ping(ObjectMapper json, String text) {
        String id = UUID.randomUUID().toString();
        return new Envelope(id, id, MessageType.PING, FUNDER, List.of(), OffsetDateTime.now(),
                json.valueToTree(new Ping(text)), null);
    }

    static String send(FunderClient client, Envelope ping) throws Exception {
        client.send(ping);
        return ping.messageId();
    }
}
