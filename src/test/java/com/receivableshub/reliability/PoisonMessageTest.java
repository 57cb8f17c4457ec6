package com.receivableshub.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.receivableshub.demo.FunderClient;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.Ping;
import com.receivableshub.participant.FunderQueues;
import com.receivableshub.participant.Participant;
import com.receivableshub.support.HubTestSupport;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A message on hub.inbound whose processing fails every time with an unexpected error (not a refusal, which is
 * answered and committed) does not hold up the messages behind it: they are taken while it waits for its next
 * delivery, and after hub.broker.max-deliveries attempts it lies in the broker's dead-letter queue, untouched by
 * the hub's state.
 */
class PoisonMessageTest extends HubTestSupport {

    static final String BANK = "91350200123456700W";
    static final int GOOD = 20;
    static final int MAX_DELIVERIES = 3;

    @Autowired
    ConnectionFactory hubConnections;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void redelivery(DynamicPropertyRegistry registry) {
        registry.add("hub.broker.max-deliveries", () -> MAX_DELIVERIES);
        registry.add("hub.broker.redelivery-delay-ms", () -> 2000);
        registry.add("hub.relay.period-ms", () -> 50);
    }

    @Test
    void aMessageThatAlwaysFailsGoesToTheDeadLetterQueueWithoutBlockingTheGoodOnesBehindIt() throws Exception {
        Participant bank = participant(BANK);
        // Passes every check of the envelope but cannot be stored: the id is longer than the column (100).
        String poisonId = "POISON-" + "x".repeat(150);
        List<String> goodIds = new ArrayList<>();
        long start = System.nanoTime();
        try (FunderClient client = funderClient(bank)) {
            client.send(ping(poisonId));
            for (int i = 0; i < GOOD; i++) {
                String id = UUID.randomUUID().toString();
                goodIds.add(id);
                client.send(ping(id));
            }
            Set<String> answered = new HashSet<>();
            while (answered.size() < GOOD) {
                Envelope pong = client.receive(Duration.ofSeconds(20)).orElseThrow(() ->
                        new AssertionError("the good messages are held up: " + answered.size() + " of " + GOOD));
                assertThat(pong.type()).isEqualTo(MessageType.PONG);
                answered.add(pong.payload().path("pingMessageId").asText());
            }
            double goodDone = (System.nanoTime() - start) / 1e9;
            assertThat(answered).containsExactlyInAnyOrderElementsOf(goodIds);
            // The good ones were through while the poison was still waiting for a later delivery.
            assertThat(deadLetters()).isEmpty();

            await("the poison message in " + FunderQueues.DEAD_LETTER).atMost(Duration.ofSeconds(60))
                    .until(() -> !deadLetters().isEmpty());
            double poisonDead = (System.nanoTime() - start) / 1e9;
            List<Message> dead = deadLetters();
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).getBody(String.class)).contains(poisonId);
            assertThat(dead.get(0).getStringProperty("_AMQ_ORIG_ADDRESS")).isEqualTo(FunderQueues.INBOUND);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbound_message WHERE message_id LIKE 'POISON-%'",
                    Long.class)).isZero();
            assertThat(client.receive(Duration.ofMillis(500))).as("nothing answers the poison message").isEmpty();
            System.out.printf("RELIABILITY poison cases=1 good=%d delivered=%d lost=0 duplicated=0 "
                            + "good-through=%.1fs poison-in-dlq=%.1fs after %d deliveries%n",
                    GOOD, answered.size(), goodDone, poisonDead, MAX_DELIVERIES);
        }
    }

    private Envelope ping(String id) {
        return new Envelope(id, id, MessageType.PING, BANK, List.of(), OffsetDateTime.now(),
                json.valueToTree(new Ping("poison test")), null);
    }

    /** What lies in the broker's dead-letter queue (browsed with the hub's own rights). */
    private List<Message> deadLetters() throws Exception {
        try (Connection c = hubConnections.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueBrowser browser = s.createBrowser(s.createQueue(FunderQueues.DEAD_LETTER));
            return Collections.list(browser.getEnumeration()).stream().map(Message.class::cast).toList();
        }
    }
}
