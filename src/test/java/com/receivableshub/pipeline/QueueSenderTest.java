package com.receivableshub.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay's broker sends after a crash: rows the broker had already taken (sent, not yet marked sent) come again
 * in a transaction with new ones. Artemis refuses such a transaction whole; the sender must still deliver the new
 * ones, and the old ones not a second time.
 */
class QueueSenderTest {

    private static final String QUEUE = "funder.test";
    private EmbeddedActiveMQ broker;
    private ActiveMQConnectionFactory factory;

    @BeforeEach
    void start() throws Exception {
        int id = (int) (System.nanoTime() % 100_000) + 10_000;
        broker = new EmbeddedActiveMQ();
        broker.setConfiguration(new ConfigurationImpl().setPersistenceEnabled(false).setSecurityEnabled(false)
                .addAcceptorConfiguration("in-vm", "vm://" + id));
        broker.start();
        factory = new ActiveMQConnectionFactory("vm://" + id);
    }

    @AfterEach
    void stop() throws Exception {
        factory.close();
        broker.stop();
    }

    @Test
    void aBatchHoldingMessagesTheBrokerHasAlreadyDeliversTheRestAndNothingTwice() throws Exception {
        QueueSender sender = new QueueSender(factory);
        sender.send(List.of(row(1), row(2)));
        // The crash: rows 1 and 2 went out but were not marked sent; the next round sends them with 3 and 4.
        sender.send(List.of(row(1), row(2), row(3), row(4)));
        sender.send(List.of(row(5)));

        assertThat(receiveAll()).containsExactly("m-1", "m-2", "m-3", "m-4", "m-5");
    }

    @Test
    void otherFailuresAreNotTakenForDuplicates() {
        assertThat(QueueSender.isDuplicate(new IllegalStateException("broker down"))).isFalse();
        assertThat(QueueSender.isDuplicate(new RuntimeException(
                new org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException()))).isTrue();
    }

    private static OutboxMessage row(int n) {
        return new OutboxMessage(n, "m-" + n, Channel.QUEUE, QUEUE, "91350200123456700W", "FEED_BATCH", null,
                ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8), 0, Instant.now());
    }

    private List<String> receiveAll() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = factory.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(QUEUE));
            for (Message m = consumer.receive(2000); m != null; m = consumer.receive(500)) {
                ids.add(m.getStringProperty(QueueSender.DUPLICATE_ID));
                assertThat(((TextMessage) m).getText()).startsWith("{\"n\":");
            }
        }
        return ids;
    }
}
