package com.receivableshub.broker;

import com.receivableshub.HubProperties;
import com.receivableshub.StartupTasks;
import com.receivableshub.participant.FunderQueues;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.ParticipantRole;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

/**
 * The hub's own broker, the default setup: persistent journal in the data folder, one multi-protocol acceptor
 * (CORE, AMQP, OpenWire, STOMP), a durable queue per funder, and dead-letter and expiry addresses so that no
 * message is ever dropped. Off with {@code spring.artemis.embedded.enabled=false} (an external broker).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.artemis.embedded.enabled", havingValue = "true", matchIfMissing = true)
public class EmbeddedBrokerConfiguration {

    /**
     * The broker starts (journal, bindings, acceptors) on a thread of its own while the rest of the context is made;
     * the start waits for it before the web server, the routes and the JMS consumers start ({@link StartupTasks}).
     * Nothing connects before then: the connection factory and the JMS templates connect on first use.
     */
    @Bean(destroyMethod = "stop")
    EmbeddedActiveMQ embeddedActiveMq(HubProperties hub, ParticipantDirectory directory, StartupTasks startup,
                                      @Value("${spring.artemis.embedded.server-id:0}") int serverId) throws Exception {
        StartedInBackground server = new StartedInBackground();
        server.setConfiguration(brokerConfiguration(hub, serverId, directory));
        server.setSecurityManager(new HubSecurityManager(directory));
        server.started = startup.run("embedded broker", server::start);
        return server;
    }

    /** The embedded broker, whose stop waits for a start still running (when the context failed meanwhile). */
    static final class StartedInBackground extends EmbeddedActiveMQ {

        private volatile CompletableFuture<Void> started = CompletableFuture.completedFuture(null);

        @Override
        public EmbeddedActiveMQ stop() throws Exception {
            StartupTasks.awaitQuietly(started);
            return super.stop();
        }
    }

    static Configuration brokerConfiguration(HubProperties hub, int serverId, ParticipantDirectory directory)
            throws Exception {
        Path data = hub.dataPath().resolve("artemis").toAbsolutePath();
        HubProperties.Broker broker = hub.broker();
        ConfigurationImpl config = new ConfigurationImpl();
        config.setName("receivables-hub");
        config.setPersistenceEnabled(true);
        config.setJournalDirectory(data.resolve("journal").toString());
        config.setBindingsDirectory(data.resolve("bindings").toString());
        config.setPagingDirectory(data.resolve("paging").toString());
        config.setLargeMessagesDirectory(data.resolve("large-messages").toString());
        config.setNodeManagerLockDirectory(data.toString());
        config.setSecurityEnabled(true);
        // No cache of logins: Artemis keys it by user and password only, so the hub's own in-VM login (trusted by its
        // transport, with empty credentials) would be handed to any TCP client that sends empty credentials too.
        config.setAuthenticationCacheSize(0);
        config.setPopulateValidatedUser(true);
        config.setPersistIDCache(true);
        config.setIDCacheSize(100_000);
        config.setJMXManagementEnabled(false);
        config.addAcceptorConfiguration(new TransportConfiguration(InVMAcceptorFactory.class.getName(),
                Map.of("serverId", serverId), "in-vm"));
        config.addAcceptorConfiguration("main", "tcp://" + broker.host() + ":" + broker.port()
                + "?protocols=CORE,AMQP,OPENWIRE,STOMP");

        config.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(FunderQueues.DEAD_LETTER))
                .setExpiryAddress(SimpleString.of(FunderQueues.EXPIRY))
                .setMaxDeliveryAttempts(broker.maxDeliveries())
                .setRedeliveryDelay(broker.redeliveryDelayMs())
                .setRedeliveryMultiplier(2)
                .setMaxRedeliveryDelay(broker.maxRedeliveryDelayMs())
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE)
                .setMaxSizeBytes(64L * 1024 * 1024)
                .setAutoCreateQueues(false)
                .setAutoCreateAddresses(false));
        // What lands in the dead-letter and expiry queues stays there until an operator acts.
        AddressSettings terminal = new AddressSettings()
                .setMaxDeliveryAttempts(-1)
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE)
                .setMaxSizeBytes(64L * 1024 * 1024);
        config.addAddressSetting(FunderQueues.DEAD_LETTER, terminal);
        config.addAddressSetting(FunderQueues.EXPIRY, terminal);

        config.addAddressConfiguration(anycast(FunderQueues.INBOUND));
        config.addAddressConfiguration(anycast(FunderQueues.DEAD_LETTER));
        config.addAddressConfiguration(anycast(FunderQueues.EXPIRY));
        for (Participant funder : directory.withRole(ParticipantRole.FUNDER)) {
            config.addAddressConfiguration(anycast(funder.queue()));
        }
        return config;
    }

    private static CoreAddressConfiguration anycast(String name) {
        return new CoreAddressConfiguration()
                .setName(name)
                .addRoutingType(RoutingType.ANYCAST)
                .addQueueConfiguration(QueueConfiguration.of(name)
                        .setAddress(name)
                        .setRoutingType(RoutingType.ANYCAST)
                        .setDurable(true));
    }
}
