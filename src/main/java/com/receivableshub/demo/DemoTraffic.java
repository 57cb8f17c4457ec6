package com.receivableshub.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.HubProperties;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.Ping;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.participant.SecretResolver;
import com.receivableshub.smoke.SmokeContext;
import com.receivableshub.smoke.SmokeRun;
import com.receivableshub.smoke.SmokeSamples;
import com.receivableshub.soap.procurement.ProcurementIntakePort;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Demo traffic, so a newcomer sees messages flow: first the smoke run's steps walk through every flow once (logged
 * as {@code demo <flow>.<step> PASS ...}); then every funder listens on its queue and logs what it gets, pings the
 * hub once, and the procurement systems push an award notice over SOAP now and then. All of it goes through the
 * hub's real interfaces with the participants' own credentials.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "hub.demo.traffic", havingValue = "true", matchIfMissing = true)
public class DemoTraffic implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger("demo");

    private final ParticipantDirectory directory;
    private final SecretResolver secrets;
    private final HubProperties hub;
    private final ObjectMapper json;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final List<FunderClient> funders = new ArrayList<>();
    private volatile boolean running = true;

    public DemoTraffic(ParticipantDirectory directory, SecretResolver secrets, HubProperties hub, ObjectMapper json) {
        this.directory = directory;
        this.secrets = secrets;
        this.hub = hub;
        this.json = json;
    }

    @EventListener
    public void start(WebServerInitializedEvent event) {
        Thread scenario = new Thread(() -> {
            // First the scripted walk through both flows (the smoke run's steps), then the background traffic.
            SmokeRun.runSteps(event.getApplicationContext(),
                    new SmokeContext(event.getApplicationContext(), event.getWebServer().getPort()),
                    line -> LOG.info("demo {}", line));
            traffic(event.getWebServer().getPort());
        }, "demo-scenario");
        scenario.setDaemon(true);
        scenario.start();
    }

    private void traffic(int httpPort) {
        if (!running) {
            return;
        }
        String baseUrl = "http://127.0.0.1:" + httpPort;
        String brokerUrl = "tcp://" + hub.broker().host() + ":" + hub.broker().port();
        for (Participant funder : directory.withRole(ParticipantRole.FUNDER)) {
            try {
                FunderClient client = new FunderClient(brokerUrl, funder.brokerUser().orElseThrow(),
                        secrets.resolve(funder.brokerPassword().orElseThrow()), funder.queue(), json);
                funders.add(client);
                String id = UUID.randomUUID().toString();
                client.send(new Envelope(id, id, MessageType.PING, funder.code(), List.of(), OffsetDateTime.now(),
                        json.valueToTree(new Ping("demo")), null));
                // From here on only the listener uses the client's session.
                Thread listener = new Thread(() -> listen(funder, client), "demo-" + funder.brokerUser().orElseThrow());
                listener.setDaemon(true);
                listener.start();
            } catch (Exception e) {
                LOG.warn("demo funder {} could not connect: {}", funder.code(), e.getMessage());
            }
        }
        for (Participant procurement : directory.withRole(ParticipantRole.PROCUREMENT_SYSTEM)) {
            ProcurementIntakePort port = ProcurementSoapClient.connect(baseUrl,
                    secrets.resolve(procurement.apiKey().orElseThrow()));
            scheduler.scheduleWithFixedDelay(() -> {
                String noticeId = "demo-" + UUID.randomUUID();
                try {
                    port.submitAwardNotice(SmokeSamples.request(noticeId, SmokeSamples.awardNotice(procurement, noticeId)));
                    LOG.info("procurement system {} pushed award notice {} over SOAP", procurement.code(), noticeId);
                } catch (RuntimeException e) {
                    LOG.warn("demo award notice refused: {}", e.getMessage());
                }
            }, 2, 30, TimeUnit.SECONDS);
        }
    }

    private void listen(Participant funder, FunderClient client) {
        while (running) {
            try {
                client.receive(Duration.ofSeconds(1)).ifPresent(e -> LOG.info("funder {} received {} {} from {}",
                        funder.code(), e.type(), e.messageId(), e.sender()));
            } catch (Exception e) {
                if (running) {
                    LOG.warn("demo funder {} stopped listening: {}", funder.code(), e.getMessage());
                }
                return;
            }
        }
    }

    @Override
    public void destroy() {
        running = false;
        scheduler.shutdownNow();
        for (FunderClient client : funders) {
            try {
                client.close();
            } catch (Exception ignored) {
                // shutting down
            }
        }
    }
}
