package com.receivableshub.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.receivableshub.demo.FunderClient;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.Ping;
import com.receivableshub.participant.Participant;
import com.receivableshub.support.HubTestSupport;
import com.receivableshub.support.PostgresSchema;
import com.receivableshub.support.TcpProxy;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The database goes away in the middle of the flow: a TCP proxy between the hub and PostgreSQL closes every
 * connection and refuses new ones while funders send on the broker, the relay delivers and callers post over REST,
 * then lets connections through again. REST answers 503 with the reason during the outage; afterwards every message
 * the hub took (broker, REST accepted before or after) is answered on the funder's queue exactly once.
 */
class DatabaseOutageTest extends HubTestSupport {

    static final String BANK = "91350200123456700W";
    static final PostgresSchema SCHEMA = new PostgresSchema();
    static final TcpProxy PROXY;

    static {
        Matcher m = Pattern.compile("//([^/:]+):(\\d+)/([^?]+)").matcher(PostgresSchema.URL);
        if (!m.find()) {
            throw new IllegalStateException("cannot read host and port of " + PostgresSchema.URL);
        }
        PROXY = new TcpProxy(m.group(1), Integer.parseInt(m.group(2)));
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
        String viaProxy = PostgresSchema.URL.replaceFirst("//[^/]+/", "//127.0.0.1:" + PROXY.port() + "/");
        registry.add("spring.datasource.url", () -> viaProxy + "?currentSchema=" + SCHEMA.name());
        // A caller waits at most this long for a connection before it is told the database is unavailable.
        registry.add("spring.datasource.hikari.connection-timeout", () -> 2000);
        registry.add("hub.relay.period-ms", () -> 50);
        registry.add("hub.feed.auto-startup", () -> false);
    }

    @AfterAll
    static void dropSchema() throws Exception {
        PROXY.close();
        SCHEMA.drop();
    }

    @Test
    void aDatabaseOutageMidFlowLosesNothingAcknowledgedAndDoublesNothing() throws Exception {
        Participant bank = participant(BANK);
        Set<String> expected = new LinkedHashSet<>();
        Map<String, Integer> answers = new HashMap<>();
        int brokerSent = 0;
        int restAccepted = 0;
        int restUnavailable = 0;
        try (FunderClient sender = funderClient(bank); FunderClient receiver = funderClient(bank)) {
            // Before: the flow runs.
            for (int i = 0; i < 20; i++) {
                expected.add(send(sender, "before " + i));
                brokerSent++;
            }
            expected.add(postAccepted(bank, ping("rest before")));
            restAccepted++;
            await().atMost(Duration.ofSeconds(20)).until(() -> receiveSome(receiver, answers) >= 3);

            // The database goes away while the rest is in flight.
            PROXY.cut();
            for (int i = 0; i < 20; i++) {
                expected.add(send(sender, "during " + i));
                brokerSent++;
            }
            List<String> refused = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Envelope ping = ping("rest during " + i);
                long start = System.nanoTime();
                HttpResponse<String> response = post(bank, ping);
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertThat(response.statusCode()).as("REST during the outage: %s", response.body()).isEqualTo(503);
                assertThat(response.headers().firstValue("Retry-After")).contains("5");
                assertThat(response.body()).contains("\"error\":\"unavailable\"")
                        .contains("database is unavailable").contains("same message id")
                        .doesNotContain("Exception").doesNotContain("\tat ");
                assertThat(ms).as("answered within the pool's connection timeout").isLessThan(10_000);
                restUnavailable++;
                refused.add(json.writeValueAsString(ping));
            }
            // Nothing of the refused messages was taken (they are not in the database once it is back).

            // The database is back: the refused messages are sent again, the same ids; more traffic follows.
            PROXY.restore();
            for (String ping : refused) {
                Envelope e = json.readValue(ping, Envelope.class);
                await().atMost(Duration.ofSeconds(20)).until(() -> post(bank, e).statusCode() == 202);
                expected.add(e.messageId());
                restAccepted++;
            }
            for (int i = 0; i < 20; i++) {
                expected.add(send(sender, "after " + i));
                brokerSent++;
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> {
                receiveSome(receiver, answers);
                return answers.keySet().containsAll(expected);
            });
            // Anything doubled would arrive now.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                    receiveSome(receiver, answers) >= 0 && answers.values().stream().allMatch(n -> n == 1));
        }
        long lost = expected.stream().filter(id -> !answers.containsKey(id)).count();
        long duplicated = answers.values().stream().mapToLong(n -> n - 1).sum();
        assertThat(lost).isZero();
        assertThat(duplicated).isZero();
        assertThat(answers.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        System.out.printf("RELIABILITY database-outage broker-sent=%d rest-accepted=%d rest-503-during-outage=%d"
                        + " expected=%d delivered=%d lost=%d duplicated=%d proxy-connections=%d%n", brokerSent,
                restAccepted, restUnavailable, expected.size(), answers.size(), lost, duplicated, PROXY.connections());
    }

    Envelope ping(String text) {
        String id = UUID.randomUUID().toString();
        return new Envelope(id, id, MessageType.PING, BANK, List.of(), OffsetDateTime.now(),
                json.valueToTree(new Ping(text)), null);
    }

    String send(FunderClient client, String text) throws Exception {
        Envelope ping = ping(text);
        client.send(ping);
        return ping.messageId();
    }

    HttpResponse<String> post(Participant sender, Envelope envelope) throws Exception {
        return http().post("/api/v1/messages", apiKey(sender), "application/json", json.writeValueAsString(envelope));
    }

    String postAccepted(Participant sender, Envelope envelope) throws Exception {
        assertThat(post(sender, envelope).statusCode()).isEqualTo(202);
        return envelope.messageId();
    }

    /** Takes what has arrived on the funder's queue; counts answers by the id of the message they answer. */
    static int receiveSome(FunderClient client, Map<String, Integer> answers) throws Exception {
        Optional<Envelope> next;
        while ((next = client.receive(Duration.ofMillis(200))).isPresent()) {
            Envelope pong = next.get();
            assertThat(pong.type()).isEqualTo(MessageType.PONG);
            answers.merge(pong.correlationId(), 1, Integer::sum);
        }
        return answers.size();
    }
}
