package com.receivableshub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.receivableshub.demo.FunderClient;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.Ping;
import com.receivableshub.participant.FunderQueues;
import com.receivableshub.participant.Participant;
import com.receivableshub.support.HubTestSupport;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * What each funder may do on the embedded broker, with real JMS and core clients over TCP: log in with its own
 * credentials only; consume and browse its own queue {@code funder.<code>} only; send to {@code hub.inbound} only;
 * create no queue or address.
 */
class BrokerAccessTest extends HubTestSupport {

    static final String BANK = "91350200123456700W";
    static final String FACTOR = "91310100666677700N";
    static final Duration WAIT = Duration.ofSeconds(10);

    String user(Participant p) {
        return p.brokerUser().orElseThrow();
    }

    String password(Participant p) {
        return secrets.resolve(p.brokerPassword().orElseThrow());
    }

    Connection connect(Participant funder) throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl());
        factory.setReconnectAttempts(0);
        Connection connection = factory.createConnection(user(funder), password(funder));
        connection.start();
        return connection;
    }

    @Test
    void onlyAFundersOwnCredentialsLogIn() {
        Participant bank = participant(BANK);
        Participant factor = participant(FACTOR);
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl());
        factory.setReconnectAttempts(0);
        assertThatThrownBy(() -> factory.createConnection(user(bank), password(factor)).close())
                .as("another funder's password").isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> factory.createConnection(user(bank), "").close()).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> {
            try (Connection anonymous = factory.createConnection()) {
                anonymous.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(
                        new org.apache.activemq.artemis.jms.client.ActiveMQQueue(bank.queue()));
            }
        }).as("no credentials").isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> factory.createConnection("hub", password(bank)).close())
                .as("the hub's own user is in-VM only").isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void aFunderSendsToTheInboundAddressAndConsumesAndBrowsesItsOwnQueue() throws Exception {
        Participant bank = participant(BANK);
        try (FunderClient client = funderClient(bank); Connection connection = connect(bank)) {
            String id = UUID.randomUUID().toString();
            client.send(new Envelope(id, id, MessageType.PING, BANK, List.of(), OffsetDateTime.now(),
                    json.valueToTree(new Ping("own")), null));
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (QueueBrowser browser = session.createBrowser(session.createQueue(bank.queue()))) {
                assertThat(browser.getEnumeration()).isNotNull();
            }
            Envelope pong = client.receive(WAIT).orElseThrow();
            assertThat(pong.type()).isEqualTo(MessageType.PONG);
            assertThat(pong.correlationId()).isEqualTo(id);
        }
    }

    @Test
    void aFunderCannotConsumeOrBrowseAnotherFundersQueueOrTheHubsQueues() throws Exception {
        Participant bank = participant(BANK);
        Participant factor = participant(FACTOR);
        try (Connection connection = connect(bank)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (String name : List.of(factor.queue(), factor.queue() + "::" + factor.queue(), FunderQueues.INBOUND,
                    FunderQueues.DEAD_LETTER, FunderQueues.EXPIRY)) {
                assertThatThrownBy(() -> session.createConsumer(session.createQueue(name)))
                        .as("consume " + name).isInstanceOf(JMSSecurityException.class);
                assertThatThrownBy(() -> {
                    try (QueueBrowser browser = session.createBrowser(session.createQueue(name))) {
                        browser.getEnumeration().hasMoreElements();
                    }
                }).as("browse " + name).isInstanceOf(JMSSecurityException.class);
            }
        }
    }

    @Test
    void aFunderCannotSendAnywhereButTheInboundAddress() throws Exception {
        Participant bank = participant(BANK);
        Participant factor = participant(FACTOR);
        try (Connection connection = connect(bank)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (String name : List.of(factor.queue(), bank.queue(), FunderQueues.DEAD_LETTER, FunderQueues.EXPIRY)) {
                assertThatThrownBy(() -> {
                    try (MessageProducer producer = session.createProducer(session.createQueue(name))) {
                        producer.send(session.createTextMessage("{}"));
                    }
                }).as("send to " + name).isInstanceOf(JMSSecurityException.class);
            }
        }
    }

    @Test
    void aFunderCreatesNoQueuesOrAddresses() throws Exception {
        Participant bank = participant(BANK);
        try (Connection connection = connect(bank)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(session::createTemporaryQueue).isInstanceOf(JMSSecurityException.class);
        }
        try (ServerLocator locator = ActiveMQClient.createServerLocator(brokerUrl());
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession(user(bank), password(bank), false, true, true, false, 0)) {
            assertThatThrownBy(() -> session.createQueue(QueueConfiguration.of("sniff." + UUID.randomUUID())
                    .setAddress(bank.queue()).setRoutingType(RoutingType.ANYCAST).setDurable(true)))
                    .as("a second queue on its own address").isInstanceOf(ActiveMQSecurityException.class);
            assertThatThrownBy(() -> session.createQueue(QueueConfiguration.of("tap." + UUID.randomUUID())
                    .setAddress(FunderQueues.INBOUND).setRoutingType(RoutingType.ANYCAST).setDurable(false)))
                    .as("a tap on the inbound address").isInstanceOf(ActiveMQSecurityException.class);
            assertThatThrownBy(() -> session.createAddress(SimpleString.of("new." + UUID.randomUUID()),
                    RoutingType.ANYCAST, false)).isInstanceOf(ActiveMQSecurityException.class);
            assertThatThrownBy(() -> session.deleteQueue(participant(FACTOR).queue()))
                    .isInstanceOf(ActiveMQSecurityException.class);
        }
    }
}
