package com.receivableshub.reversefactoring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.receivableshub.model.Authorisation;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.support.HubTestSupport;
import com.receivableshub.support.Partners;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Deliveries to an HTTP partner (here the ERP) when the partner misbehaves: resets and 503s are retried with backoff
 * until it answers; a 4xx or a spent retry budget puts the message in the dead-letter store with the reason, and an
 * operator's replay delivers it once. The core enterprise's retry budget is shortened to seconds for the test.
 */
class PartnerDeliveryTest extends HubTestSupport {

    static final String CORE = "91350100705432100M";
    static final String SUPPLIER = "91350100M000100Y43";
    static final String BANK = "91350200123456700W";
    static final Partners PARTNERS = new Partners();

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void setUp(DynamicPropertyRegistry registry) {
        PARTNERS.register(registry);
        Path adapters = shortRetryAdapters();
        registry.add("hub.adapters-dir", adapters::toString);
    }

    @AfterAll
    static void stopPartners() {
        PARTNERS.stop();
    }

    /** The repository's adapters, with the core enterprise retrying for two seconds only. */
    static Path shortRetryAdapters() {
        Path dir = tempDir("adapters");
        try (Stream<Path> files = Files.list(Path.of("adapters"))) {
            for (Path f : files.toList()) {
                String text = Files.readString(f);
                if (f.getFileName().toString().startsWith("core-")) {
                    text = text.replaceAll("(?s)retry:.*", "retry:\n  initialDelay: PT0.2S\n  maxDelay: PT0.4S\n  budget: PT2S\n");
                }
                Files.writeString(dir.resolve(f.getFileName()), text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    List<LoggedRequest> deliveries(String authorisationId) {
        return PARTNERS.server().findAll(postRequestedFor(urlEqualTo("/erp/authorisations"))
                .withRequestBody(matchingJsonPath("$.payload.authorisationId", equalTo(authorisationId))));
    }

    void stub(String authorisationId, String state, String next, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        PARTNERS.server().stubFor(post(urlEqualTo("/erp/authorisations")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.payload.authorisationId", equalTo(authorisationId)))
                .inScenario(authorisationId).whenScenarioStateIs(state).willSetStateTo(next).willReturn(response));
    }

    @Test
    void resetsAnd503sAreRetriedUntilThePartnerAnswersAndDeliveredOnce() throws Exception {
        String id = "AUTH-retry-" + UUID.randomUUID();
        stub(id, Scenario.STARTED, "second", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        stub(id, "second", "third", aResponse().withStatus(503));
        stub(id, "third", "done", aResponse().withStatus(202));
        String messageId = sendAuthorisation(id);

        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(status(messageId)));
        List<LoggedRequest> tries = deliveries(id);
        assertThat(tries).hasSize(3);
        assertThat(tries.stream().map(r -> r.getHeader("Idempotency-Key")).distinct()).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE message_id = ?", Integer.class, messageId))
                .isZero();
    }

    @Test
    void aSpentBudgetEndsInTheDeadLetterStoreAndAReplayDeliversOnce() throws Exception {
        String id = "AUTH-down-" + UUID.randomUUID();
        stub(id, Scenario.STARTED, Scenario.STARTED, aResponse().withStatus(503));
        String messageId = sendAuthorisation(id);

        await().atMost(Duration.ofSeconds(10)).until(() -> "DEAD".equals(status(messageId)));
        String operatorKey = apiKey(first(ParticipantRole.OPERATOR));
        JsonNode letters = json.readTree(http().get("/api/v1/operator/dead-letters", operatorKey).body());
        JsonNode letter = find(letters, messageId);
        assertThat(letter.path("reason").asText()).contains("HTTP 503");
        assertThat(letter.path("attempts").asInt()).isGreaterThan(1);
        int triesBefore = deliveries(id).size();

        // The ERP is back: an operator replays; it arrives once; a second replay is refused.
        stub(id, "up", "up", aResponse().withStatus(202));
        PARTNERS.server().setScenarioState(id, "up");
        long letterId = letter.path("id").asLong();
        var replay = http().post("/api/v1/operator/dead-letters/" + letterId + "/replay", operatorKey,
                "application/json", "");
        assertThat(replay.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(status(messageId)));
        assertThat(deliveries(id)).hasSize(triesBefore + 1);
        var again = http().post("/api/v1/operator/dead-letters/" + letterId + "/replay", operatorKey,
                "application/json", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(deliveries(id)).hasSize(triesBefore + 1);
    }

    @Test
    void aRefusalByThePartnerIsNotRetriedAndKeepsItsReason() throws Exception {
        String id = "AUTH-refused-" + UUID.randomUUID();
        stub(id, Scenario.STARTED, Scenario.STARTED, aResponse().withStatus(400).withBody("unknown supplier"));
        String messageId = sendAuthorisation(id);

        await().atMost(Duration.ofSeconds(10)).until(() -> "DEAD".equals(status(messageId)));
        assertThat(deliveries(id)).hasSize(1);
        JsonNode letter = find(json.readTree(http().get("/api/v1/operator/dead-letters",
                apiKey(first(ParticipantRole.OPERATOR))).body()), messageId);
        assertThat(letter.path("reason").asText()).contains("HTTP 400").contains("unknown supplier");
        assertThat(letter.path("last_status").asInt()).isEqualTo(400);
    }

    @Test
    void onlyOperatorsSeeDeadLetters() throws Exception {
        assertThat(http().get("/api/v1/operator/dead-letters", apiKey(participant(SUPPLIER))).statusCode())
                .isEqualTo(403);
    }

    String sendAuthorisation(String authorisationId) throws Exception {
        Envelope e = new Envelope(UUID.randomUUID().toString(), null, MessageType.AUTHORISATION, SUPPLIER, List.of(),
                OffsetDateTime.now(), json.valueToTree(new Authorisation(authorisationId, SUPPLIER, CORE, BANK,
                LocalDate.now().minusYears(1), LocalDate.now().plusYears(1))), null);
        assertThat(http().post("/api/v1/messages", apiKey(participant(SUPPLIER)), "application/json",
                json.writeValueAsString(e)).statusCode()).isEqualTo(202);
        return jdbc.queryForObject("SELECT message_id FROM outbox WHERE destination = 'erp:/authorisations'"
                + " ORDER BY id DESC LIMIT 1", String.class);
    }

    String status(String messageId) {
        return jdbc.queryForObject("SELECT status FROM outbox WHERE message_id = ?", String.class, messageId);
    }

    static JsonNode find(JsonNode letters, String messageId) {
        for (JsonNode l : letters) {
            if (messageId.equals(l.path("message_id").asText())) {
                return l;
            }
        }
        throw new AssertionError("no dead letter for " + messageId + " in " + letters);
    }
}
