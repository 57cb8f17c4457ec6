package com.receivableshub.procurement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.demo.FunderClient;
import com.receivableshub.demo.ProcurementSoapClient;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.participant.SecretResolver;
import com.receivableshub.smoke.SmokeSamples;
import com.receivableshub.support.HubProcess;
import com.receivableshub.support.HubTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A funder that joins later receives the last year's award notices of its region, once; the others nothing again. */
class FunderBacklogTest {

    static final String NEW_FUNDER = "91350100888812300A";

    @Test
    void aFunderJoiningLaterGetsTheLastYearsAwardsOfItsRegionOnce() throws Exception {
        Path adapters = HubTestSupport.tempDir("adapters");
        try (Stream<Path> files = Files.list(Path.of("adapters"))) {
            for (Path f : files.toList()) {
                Files.copy(f, adapters.resolve(f.getFileName()));
            }
        }
        Path dataDir = HubTestSupport.tempDir("hub-backlog");
        int brokerPort = HubTestSupport.freePort();
        Map<String, Object> props = Map.of("hub.adapters-dir", adapters.toString());
        String noticeId = "ZB-" + UUID.randomUUID();
        try (ConfigurableApplicationContext hub = HubProcess.start(dataDir, brokerPort, props)) {
            Participant procurement = hub.getBean(ParticipantDirectory.class).withRole(ParticipantRole.PROCUREMENT_SYSTEM)
                    .get(0);
            int port = ((WebServerApplicationContext) hub).getWebServer().getPort();
            String key = hub.getBean(SecretResolver.class).resolve(procurement.apiKey().orElseThrow());
            ProcurementSoapClient.connect("http://127.0.0.1:" + port, key)
                    .submitAwardNotice(SmokeSamples.request("r-" + noticeId, SmokeSamples.awardNotice(procurement, noticeId)));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> hub.getBean(
                    org.springframework.jdbc.core.JdbcTemplate.class).queryForObject(
                    "SELECT COUNT(*) FROM outbox WHERE type = 'AWARD_NOTICE' AND status = 'SENT'", Integer.class) == 2);
        }

        Files.writeString(adapters.resolve("funder-new-bank.yaml"), """
                code: %s
                name: New Demo Bank, Fuzhou Branch
                roles: [FUNDER]
                regions: ["350000"]
                identity:
                  brokerUser: funder-new-bank
                  brokerPassword: file:${hub.data-dir}/secrets/funder-new-bank.broker
                certificate: ${hub.data-dir}/pki/%s.cert.pem
                """.formatted(NEW_FUNDER, NEW_FUNDER));
        try (ConfigurableApplicationContext hub = HubProcess.start(dataDir, brokerPort, props)) {
            ParticipantDirectory directory = hub.getBean(ParticipantDirectory.class);
            try (FunderClient newcomer = client(hub, directory.byCode(NEW_FUNDER).orElseThrow(), brokerPort);
                 FunderClient bank = client(hub, directory.byCode("91350200123456700W").orElseThrow(), brokerPort)) {
                Envelope backlog = newcomer.receive(Duration.ofSeconds(10)).orElseThrow();
                assertThat(backlog.type()).isEqualTo(MessageType.AWARD_NOTICE);
                assertThat(backlog.payload().path("noticeId").asText()).isEqualTo(noticeId);
                assertThat(newcomer.receive(Duration.ofMillis(500))).isEmpty();
                // The bank had it when it was published, and only then.
                assertThat(bank.receive(Duration.ofSeconds(5)).orElseThrow().payload().path("noticeId").asText())
                        .isEqualTo(noticeId);
                assertThat(bank.receive(Duration.ofMillis(500))).isEmpty();
            }
        }
    }

    private static FunderClient client(ConfigurableApplicationContext hub, Participant funder, int port) throws Exception {
        String password = hub.getBean(SecretResolver.class).resolve(funder.brokerPassword().orElseThrow());
        return new FunderClient("tcp://127.0.0.1:" + port, funder.brokerUser().orElseThrow(), password, funder.queue(),
                hub.getBean(ObjectMapper.class));
    }
}
