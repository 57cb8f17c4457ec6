package com.receivableshub.broker;

import com.receivableshub.HubProperties;
import com.receivableshub.participant.FunderQueues;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.ParticipantRole;
import java.nio.file.Path;
import java.util.Map;
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

    @Bean(initMethod = "start", destroyMethod = "stop")
    EmbeddedActiveMQ embeddedActiveMq(HubProperties hub, ParticipantDirectory directory,
                                      @Value("${spring.artemis.embedded.server-id:0}") int serverId) throws Exception {
        EmbeddedActiveMQ server = new EmbeddedActiveMQ();
        server.setConfiguration(brokerConfiguration(hub, serverId, directory));
        server.setSecurityManager(new HubSecurityManager(directory));
        return server;
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
        config.setPopulateValidatedUser(true);
        // Artemis caches a login by user and password, not by transport: the hub's anonymous in-VM login must not
        // be found again by an anonymous TCP client (see HubSecurityManager).
        config.setAuthenticationCacheSize(0);
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
                .setRedeliveryDelay(1000)
                .setRedeliveryMultiplier(2)
                .setMaxRedeliveryDelay(60_000)
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
