package com.receivableshub.pipeline;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends outbox rows to funders' queues in one JMS transaction per call: persistent text messages carrying the
 * message id as Artemis's duplicate id (so a crash between the commit and marking the rows sent cannot deliver
 * twice), the message type in {@code hubMessageType} and the correlation id. All of them or none reach the broker.
 */
@Component
public class QueueSender {

    /** Artemis's duplicate-detection property. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    private static final Logger LOG = LoggerFactory.getLogger(QueueSender.class);

    private final JmsTemplate jms;

    public QueueSender(ConnectionFactory connectionFactory) {
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setSessionTransacted(true);
    }

    /**
     * Sends them in one transaction. When the broker has some of them already (sent before a crash kept them from
     * being marked sent), Artemis refuses the whole transaction; they are then sent one per transaction, and one the
     * broker refuses as a duplicate is one it has.
     */
    public void send(List<OutboxMessage> messages) {
        try {
            sendTogether(messages);
        } catch (RuntimeException e) {
            if (!isDuplicate(e)) {
                throw e;
            }
            for (OutboxMessage m : messages) {
                try {
                    sendTogether(List.of(m));
                } catch (RuntimeException again) {
                    if (!isDuplicate(again)) {
                        throw again;
                    }
                    LOG.info("{} {} to {} was on the broker already", m.type(), m.messageId(), m.destination());
                }
            }
        }
    }

    static boolean isDuplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ActiveMQDuplicateIdException) {
                return true;
            }
        }
        return false;
    }

    private void sendTogether(List<OutboxMessage> messages) {
        jms.execute(session -> {
            Map<String, MessageProducer> producers = new HashMap<>();
            try {
                for (OutboxMessage m : messages) {
                    MessageProducer producer = producers.get(m.destination());
                    if (producer == null) {
                        producer = session.createProducer(session.createQueue(m.destination()));
                        producers.put(m.destination(), producer);
                    }
                    TextMessage text = session.createTextMessage(new String(m.body(), StandardCharsets.UTF_8));
                    text.setStringProperty(DUPLICATE_ID, m.messageId());
                    text.setStringProperty("hubMessageType", m.type());
                    if (m.correlationId() != null) {
                        text.setJMSCorrelationID(m.correlationId());
                    }
                    producer.send(text, DeliveryMode.PERSISTENT, Message.DEFAULT_PRIORITY, Message.DEFAULT_TIME_TO_LIVE);
                }
                session.commit();
            } catch (JMSException | RuntimeException e) {
                session.rollback();
                throw e;
            } finally {
                for (MessageProducer p : producers.values()) {
                    p.close();
                }
            }
            return null;
        }, true);
    }
}
