package com.receivableshub.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.model.Envelope;
import com.receivableshub.participant.FunderQueues;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.Optional;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A funder's side of the broker, as a bank's integration team would write it: logs in with its broker user, sends
 * envelopes to the hub's inbound address, receives from its own queue. Used by the demo simulators, the smoke run
 * and the tests, so all three go through the real interface.
 */
public final class FunderClient implements AutoCloseable {

    private final Connection connection;
    private final Session session;
    private final String queue;
    private final ObjectMapper json;
    private MessageConsumer consumer;

    public FunderClient(String brokerUrl, String user, String password, String queue, ObjectMapper json)
            throws JMSException {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl);
        factory.setReconnectAttempts(0);
        this.connection = factory.createConnection(user, password);
        this.session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        this.queue = queue;
        this.json = json;
        connection.start();
    }

    /** Sends an envelope to the hub's inbound address. */
    public void send(Envelope envelope) throws JMSException {
        try (MessageProducer producer = session.createProducer(session.createQueue(FunderQueues.INBOUND))) {
            TextMessage message = session.createTextMessage(json.writeValueAsString(envelope));
            producer.send(message);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Sends raw text to an address (tests use it to try what the broker must refuse). */
    public void sendText(String address, String text) throws JMSException {
        try (MessageProducer producer = session.createProducer(session.createQueue(address))) {
            producer.send(session.createTextMessage(text));
        }
    }

    /** The next envelope on this funder's queue, acknowledged, or empty after the timeout. */
    public Optional<Envelope> receive(Duration timeout) throws JMSException {
        if (consumer == null) {
            consumer = session.createConsumer(session.createQueue(queue));
        }
        Message message = consumer.receive(timeout.toMillis());
        if (message == null) {
            return Optional.empty();
        }
        String text = message.getBody(String.class);
        message.acknowledge();
        try {
            return Optional.of(json.readValue(text, Envelope.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("not an envelope on " + queue + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Opens a consumer on any queue (tests use it to show the broker refuses a foreign queue). */
    public MessageConsumer consumerOn(String otherQueue) throws JMSException {
        return session.createConsumer(session.createQueue(otherQueue));
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
