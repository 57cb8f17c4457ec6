package com.receivableshub.foundation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.ReceivablesHubApplication;
import com.receivableshub.cli.LedgerVerifyCommand;
import com.receivableshub.demo.FunderClient;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.Ping;
import com.receivableshub.participant.AdapterException;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.SecretResolver;
import com.receivableshub.support.HubProcess;
import com.receivableshub.support.HubTestSupport;
import com.receivableshub.trust.DemoPkiEarlyStart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Starting and restarting the hub: a bad adapter file stops it; a restart keeps the database and the queues. */
class StartupTest {

    @Test
    void aBadAdapterFileStopsStartUpNamingFileAndField() throws Exception {
        Path adapters = HubTestSupport.tempDir("adapters");
        Path bad = badFunder(adapters);
        assertThatThrownBy(() -> HubProcess.start(HubTestSupport.tempDir("hub-bad"), HubTestSupport.freePort(),
                Map.of("hub.adapters-dir", adapters.toString())).close())
                .rootCause()
                .satisfies(e -> namesTheBadCode(e, bad));
    }

    @Test
    void aBadAdapterFileStopsStartUpAlsoWhenTheDemoAuthorityIsMadeBeforeTheContext() throws Exception {
        // As the hub's main class starts it: the demo authority is made beside the context (DemoPkiEarlyStart), and
        // what stopped it stops the start, with its cause.
        Path adapters = HubTestSupport.tempDir("adapters");
        Path bad = badFunder(adapters);
        SpringApplication app = new SpringApplication(ReceivablesHubApplication.class);
        app.addInitializers(new DemoPkiEarlyStart());
        assertThatThrownBy(() -> app.run("--server.port=0", "--hub.data-dir=" + HubTestSupport.tempDir("hub-bad"),
                "--hub.broker.port=" + HubTestSupport.freePort(), "--hub.secrets.generate-missing=true",
                "--spring.artemis.embedded.server-id=950", "--hub.adapters-dir=" + adapters).close())
                .rootCause()
                .satisfies(e -> namesTheBadCode(e, bad));
    }

    /** A funder's adapter file whose credit code has a wrong check character. */
    private static Path badFunder(Path adapters) throws java.io.IOException {
        return Files.writeString(adapters.resolve("funder-bad.yaml"), """
                code: 91350200123456700X
                name: Bad Bank
                roles: [FUNDER]
                regions: ["350000"]
                identity:
                  brokerUser: bad-bank
                  brokerPassword: env:BAD_BANK_PASSWORD
                """);
    }

    private static void namesTheBadCode(Throwable e, Path bad) {
        assertThat(e).isInstanceOf(AdapterException.class).hasMessageContaining(bad.toString())
                .hasMessageContaining("field 'code'");
    }

    @Test
    void aBrokenFileLayoutStopsStartUpNamingItsFileAndField() throws Exception {
        Path dir = HubTestSupport.tempDir("layouts");
        Path layout = Files.writeString(dir.resolve("payables.yaml"), """
                format: csv
                record: PAYABLE
                charset: NO-SUCH-CHARSET
                header: true
                dateFormat: yyyyMMdd
                decimal: { style: plain, unit: yuan }
                fields:
                  creditorCode: 供应商
                """);
        Files.writeString(dir.resolve("core.yaml"), """
                code: 91350100705432100M
                name: Core
                roles: [CORE_ENTERPRISE]
                identity:
                  apiKey: file:secrets/core.key
                formats:
                  payables-file: %s
                """.formatted(layout));
        assertThatThrownBy(() -> HubProcess.start(HubTestSupport.tempDir("hub-bad"), HubTestSupport.freePort(),
                Map.of("hub.adapters-dir", dir.toString())).close())
                .rootCause()
                .isInstanceOf(AdapterException.class)
                .hasMessageContaining(layout.toString())
                .hasMessageContaining("field 'charset'");
    }

    @Test
    void aMissingSecretStopsStartUpWithoutShowingAnySecret() throws Exception {
        Path adapters = HubTestSupport.tempDir("adapters");
        Files.writeString(adapters.resolve("funder.yaml"), """
                code: 91350200123456700W
                name: Bank
                roles: [FUNDER]
                regions: ["350000"]
                identity:
                  brokerUser: bank
                  brokerPassword: env:HUB_TEST_SURELY_UNSET_PASSWORD
                """);
        assertThatThrownBy(() -> HubProcess.start(HubTestSupport.tempDir("hub-bad"), HubTestSupport.freePort(),
                Map.of("hub.adapters-dir", adapters.toString())).close())
                .rootCause()
                .isInstanceOf(AdapterException.class)
                .hasMessageContaining("field 'identity.brokerPassword': secret env:HUB_TEST_SURELY_UNSET_PASSWORD is not set");
    }

    @Test
    void aMigrationThatFailsStopsStartUpThoughItRunsBesideTheStart() throws Exception {
        // Flyway migrates on a thread of its own (StartupTasks); its failure must still stop the start, with its cause.
        Path migrations = HubTestSupport.tempDir("migrations");
        Files.writeString(migrations.resolve("V99__broken.sql"), "CREATE TABLE broken (;\n");
        assertThatThrownBy(() -> HubProcess.start(HubTestSupport.tempDir("hub-bad"), HubTestSupport.freePort(),
                Map.of("spring.flyway.locations",
                        "classpath:db/migration,classpath:db/vendor/{vendor},filesystem:" + migrations)).close())
                .rootCause()
                .isInstanceOf(java.sql.SQLException.class)
                .hasMessageContaining("CREATE TABLE broken (");
    }

    @Test
    void dataSurvivesARestart() throws Exception {
        Path dataDir = HubTestSupport.tempDir("hub-restart");
        int brokerPort = HubTestSupport.freePort();
        String id = UUID.randomUUID().toString();
        long ledgerRows;
        try (ConfigurableApplicationContext hub = HubProcess.start(dataDir, brokerPort, Map.of())) {
            Participant bank = bank(hub);
            try (FunderClient client = client(hub, bank, brokerPort)) {
                client.send(new Envelope(id, id, MessageType.PING, bank.code(), List.of(), OffsetDateTime.now(),
                        hub.getBean(ObjectMapper.class).valueToTree(new Ping("before restart")), null));
            }
            JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE status = 'SENT'", Integer.class) == 1);
            ledgerRows = jdbc.queryForObject("SELECT COUNT(*) FROM ledger", Long.class);
        }
        // The PONG was delivered to the funder's queue but not consumed: it must still be there after the restart.
        try (ConfigurableApplicationContext hub = HubProcess.start(dataDir, brokerPort, Map.of())) {
            JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger", Long.class)).isEqualTo(ledgerRows);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbound_message WHERE message_id = ?", Integer.class, id))
                    .isEqualTo(1);
            Participant bank = bank(hub);
            try (FunderClient client = client(hub, bank, brokerPort)) {
                Envelope pong = client.receive(Duration.ofSeconds(10)).orElseThrow();
                assertThat(pong.type()).isEqualTo(MessageType.PONG);
                assertThat(pong.correlationId()).isEqualTo(id);
                assertThat(client.receive(Duration.ofMillis(500))).isEmpty();
            }
        }
    }

    @Test
    void theLedgerVerifyCommandFindsTamperingInTheDatabaseOfAStoppedHub() throws Exception {
        Path dataDir = HubTestSupport.tempDir("hub-ledger");
        try (ConfigurableApplicationContext hub = HubProcess.start(dataDir, HubTestSupport.freePort(), Map.of())) {
            Participant bank = bank(hub);
            try (FunderClient client = client(hub, bank, hub.getBean(com.receivableshub.HubProperties.class).broker().port())) {
                for (int i = 0; i < 3; i++) {
                    String id = UUID.randomUUID().toString();
                    client.send(new Envelope(id, id, MessageType.PING, bank.code(), List.of(), OffsetDateTime.now(),
                            hub.getBean(ObjectMapper.class).valueToTree(new Ping("ping " + i)), null));
                }
            }
            JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    jdbc.queryForObject("SELECT COUNT(*) FROM ledger", Integer.class) == 6);
        }
        String[] args = {"--hub.data-dir=" + dataDir};
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        assertThat(LedgerVerifyCommand.run(args, new java.io.PrintStream(out, true))).isZero();
        assertThat(out.toString()).contains("LEDGER INTACT entries=6");

        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                "jdbc:h2:file:" + dataDir + "/db/hub;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "hub", "")) {
            c.createStatement().executeUpdate("UPDATE ledger SET type = 'PONG' WHERE seq = 3");
        }
        out.reset();
        assertThat(LedgerVerifyCommand.run(args, new java.io.PrintStream(out, true))).isEqualTo(1);
        assertThat(out.toString()).contains("LEDGER BROKEN first=3 entry 3 was changed or moved");
    }

    @Test
    void everyRouteIsStartedBeforeTheWebServerOpensItsPort() throws Exception {
        // What the routes were doing when the web server said it had started: nothing may reach the hub over HTTP
        // (a REST call, a SOAP request, a health probe) before every route is up.
        AtomicReference<Map<String, String>> atWebStart = new AtomicReference<>();
        SpringApplication app = new SpringApplication(ReceivablesHubApplication.class);
        app.addListeners((ApplicationListener<WebServerInitializedEvent>) e -> {
            CamelContext camel = e.getApplicationContext().getBean(CamelContext.class);
            Map<String, String> states = new TreeMap<>();
            states.put("camel", camel.getStatus().name());
            camel.getRoutes().forEach(r -> states.put(r.getRouteId(),
                    camel.getRouteController().getRouteStatus(r.getRouteId()).name()));
            atWebStart.set(states);
        });
        try (ConfigurableApplicationContext hub = app.run("--server.port=0",
                "--hub.data-dir=" + HubTestSupport.tempDir("hub-order"), "--hub.broker.port=" + HubTestSupport.freePort(),
                "--hub.secrets.generate-missing=true", "--spring.artemis.embedded.server-id=951")) {
            Map<String, String> states = atWebStart.get();
            assertThat(states).containsEntry("camel", "Started")
                    .containsKeys("procurement-soap.receive", "api.feed", "erp-files.pick-up", "outbox-relay.poll");
            assertThat(states.values()).containsOnly("Started");
            assertThat(states).hasSize(hub.getBean(CamelContext.class).getRoutes().size() + 1);
        }
    }

    private static Participant bank(ConfigurableApplicationContext hub) {
        return hub.getBean(ParticipantDirectory.class).byCode("91350200123456700W").orElseThrow();
    }

    private static FunderClient client(ConfigurableApplicationContext hub, Participant funder, int port) throws Exception {
        String password = hub.getBean(SecretResolver.class).resolve(funder.brokerPassword().orElseThrow());
        return new FunderClient("tcp://127.0.0.1:" + port, funder.brokerUser().orElseThrow(), password, funder.queue(),
                hub.getBean(ObjectMapper.class));
    }
}
