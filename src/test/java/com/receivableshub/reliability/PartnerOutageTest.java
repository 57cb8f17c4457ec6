package com.receivableshub.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.receivableshub.cli.DeadLettersCommand;
import com.receivableshub.model.BankAccount;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.RepaymentAccount;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.Channel;
import com.receivableshub.pipeline.Outbox;
import com.receivableshub.support.HubTestSupport;
import com.receivableshub.support.Partners;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every outside partner the hub calls (ERP, registry, treasury, procurement REST, procurement SOAP notify) misbehaves
 * in every way WireMock can: an answer later than the response timeout, a reset connection, a connection closed
 * without an answer, a 503. The relay retries with the adapter's backoff and the message is taken exactly once (one
 * timely 2xx per Idempotency-Key); a partner that stays down past the adapter's retry budget leaves a dead letter
 * with the reason, which the {@code dead-letters} command (and REST) replays once. Messages are put in the outbox as
 * the flows put them there; what is tested is the relay. Budgets are shortened to a minute, the response timeout to
 * two seconds.
 */
class PartnerOutageTest extends HubTestSupport {

    static final Partners PARTNERS = new Partners();
    static final int RESPONSE_TIMEOUT_MS = 2000;
    static final Duration BUDGET = Duration.ofSeconds(60);
    static final String SOAP_OK = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
            + "<received xmlns=\"urn:receivables-hub:procurement-notify:v1\"><messageId>ok</messageId></received>"
            + "</soap:Body></soap:Envelope>";

    /** One partner interface: who, through which channel and endpoint, at which URL, with which message type. */
    record Target(String name, String receiver, Channel channel, String destination, String url, MessageType type) {
    }

    static final List<Target> TARGETS = List.of(
            new Target("erp", "91350100705432100M", Channel.HTTP, "erp:/authorisations", "/erp/authorisations",
                    MessageType.AUTHORISATION),
            new Target("registry", "12100000400001200F", Channel.HTTP, "registry:/registrations",
                    "/registry/registrations", MessageType.REGISTRATION_REQUEST),
            new Target("treasury", "11350000003123499T", Channel.HTTP, "treasury:/locks", "/treasury/locks",
                    MessageType.ACCOUNT_LOCK_INSTRUCTION),
            new Target("procurement-rest", "11350000003123400M", Channel.HTTP, "api:/trades", "/procurement/api/trades",
                    MessageType.TRADE),
            new Target("procurement-soap", "11350000003123400M", Channel.SOAP, "notify-soap", "/procurement/notify",
                    MessageType.REPAYMENT_ACCOUNT));

    enum Kind { DELAY, RESET, EMPTY, UNAVAILABLE }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate tx;

    @DynamicPropertySource
    static void setUp(DynamicPropertyRegistry registry) {
        PARTNERS.register(registry);
        Path adapters = tempDir("adapters");
        try (Stream<Path> files = Files.list(Path.of("adapters"))) {
            for (Path f : files.toList()) {
                String text = Files.readString(f);
                if (text.contains("\nendpoints:\n")) {
                    text = text.replaceAll("(?s)\nretry:.*", "\n")
                            + "retry:\n  initialDelay: PT0.2S\n  maxDelay: PT1S\n  budget: " + BUDGET + "\n";
                }
                if (f.getFileName().toString().startsWith("procurement-")) {
                    text = text.replace("endpoints:\n", "endpoints:\n  notify-soap: ${hub.partners.procurement-url}/notify\n");
                }
                Files.writeString(adapters.resolve(f.getFileName()), text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("hub.adapters-dir", adapters::toString);
        registry.add("hub.relay.http-connect-timeout-ms", () -> 1000);
        registry.add("hub.relay.http-response-timeout-ms", () -> RESPONSE_TIMEOUT_MS);
    }

    @AfterAll
    static void stopPartners() {
        PARTNERS.stop();
    }

    @Test
    void everyFaultOfEveryPartnerIsRetriedWithBackoffAndEachMessageTakenOnce() {
        // Per partner: one message meets every fault in turn, then the partner is back; one meets a single 503.
        Map<String, Target> messages = new LinkedHashMap<>();
        Map<String, Integer> expectedTries = new LinkedHashMap<>();
        int faultCases = 0;
        for (Target target : TARGETS) {
            String id = "outage-" + target.name() + "-all-" + UUID.randomUUID();
            script(target, id, List.of(Kind.RESET, Kind.EMPTY, Kind.UNAVAILABLE, Kind.DELAY));
            messages.put(id, target);
            expectedTries.put(id, 5);
            String once = "outage-" + target.name() + "-once-" + UUID.randomUUID();
            script(target, once, List.of(Kind.UNAVAILABLE));
            messages.put(once, target);
            expectedTries.put(once, 2);
            faultCases += 5;
        }
        messages.forEach((id, target) -> enqueue(target, id));

        await().atMost(Duration.ofSeconds(180)).until(() -> messages.keySet().stream().allMatch(id ->
                "SENT".equals(status(id))));
        int delivered = 0;
        int duplicated = 0;
        for (var e : messages.entrySet()) {
            List<ServeEvent> calls = calls(e.getValue(), e.getKey());
            long taken = calls.stream().filter(PartnerOutageTest::takenInTime).count();
            delivered += taken > 0 ? 1 : 0;
            duplicated += taken > 1 ? (int) taken - 1 : 0;
            assertThat(taken).as("timely 2xx answers to %s", e.getKey()).isEqualTo(1);
            assertThat(calls).as("calls for %s", e.getKey()).hasSize(expectedTries.get(e.getKey()));
            assertThat(calls.get(calls.size() - 1).getResponseDefinition().getStatus()).isBetween(200, 299);
            assertBackoff(calls);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE message_id LIKE 'outage-%'",
                Integer.class)).isZero();
        System.out.printf("RELIABILITY partner-outage partners=%d fault-kinds=%d fault-cases=%d messages=%d"
                        + " delivered=%d lost=%d duplicated=%d%n", TARGETS.size(), Kind.values().length, faultCases,
                messages.size(), delivered, messages.size() - delivered, duplicated);
    }

    @Test
    void aPartnerDownPastItsBudgetLeavesADeadLetterThatTheCommandReplaysOnce() throws Exception {
        Map<String, Target> messages = new LinkedHashMap<>();
        Map<String, Kind> kinds = new LinkedHashMap<>();
        int i = 0;
        for (Target target : TARGETS) {
            Kind kind = Kind.values()[i++ % Kind.values().length];
            String id = "down-" + target.name() + "-" + kind + "-" + UUID.randomUUID();
            stub(target, id, Scenario.STARTED, Scenario.STARTED, fault(target, kind));
            messages.put(id, target);
            kinds.put(id, kind);
        }
        messages.forEach((id, target) -> enqueue(target, id));
        // As if each partner had been down for all but the last ten seconds of its budget already.
        for (String id : messages.keySet()) {
            jdbc.update("UPDATE outbox SET retry_from = ? WHERE message_id = ?",
                    java.sql.Timestamp.from(java.time.Instant.now().minus(BUDGET).plusSeconds(10)), id);
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> messages.keySet().stream().allMatch(id ->
                "DEAD".equals(status(id))));

        String dataDir = "--hub.data-dir=" + hub.dataPath();
        String list = command("list", dataDir);
        Map<String, Long> letters = new LinkedHashMap<>();
        Map<String, Integer> before = new LinkedHashMap<>();
        for (var e : messages.entrySet()) {
            String id = e.getKey();
            Target target = e.getValue();
            Map<String, Object> letter = jdbc.queryForMap("SELECT id, reason, attempts FROM dead_letter"
                    + " WHERE message_id = ?", id);
            long letterId = ((Number) letter.get("id")).longValue();
            String reason = (String) letter.get("reason");
            assertThat(reason).as("reason of %s", id).containsPattern(expectedReason(target, kinds.get(id)));
            assertThat(((Number) letter.get("attempts")).intValue()).as("attempts for %s", id).isBetween(2, 60);
            assertThat(list.lines().filter(l -> l.startsWith(letterId + "\t")).findFirst().orElseThrow())
                    .contains(id).contains("\tDEAD\t");
            assertBackoff(calls(target, id));
            letters.put(id, letterId);
            before.put(id, calls(target, id).size());
            // The partner is back.
            stub(target, id, "up", "up", ok(target));
            PARTNERS.server().setScenarioState(id, "up");
        }
        String[] ids = letters.values().stream().map(String::valueOf).toArray(String[]::new);
        String shown = command(concat("show", ids, dataDir));
        for (String id : messages.keySet()) {
            assertThat(shown).contains("message_id: " + id).contains("\"messageId\":\"" + id + "\"");
        }

        // An operator replays them all with the command, then again (command and REST): each arrives once.
        String replayed = command(concat("replay", ids, dataDir));
        for (long letterId : letters.values()) {
            assertThat(replayed).contains("REPLAYING " + letterId + " ");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> messages.keySet().stream().allMatch(id ->
                "SENT".equals(status(id))));
        String again = command(concat("replay", ids, dataDir));
        int refusedAgain = 0;
        for (long letterId : letters.values()) {
            assertThat(again).contains("ALREADY REPLAYED " + letterId + " ");
            assertThat(http().post("/api/v1/operator/dead-letters/" + letterId + "/replay", operatorKey(),
                    "application/json", "").statusCode()).isEqualTo(409);
            refusedAgain += 2;
        }
        // Nothing more goes out over many relay rounds (the relay runs every 50 ms here).
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() -> messages.entrySet().stream()
                .allMatch(e -> calls(e.getValue(), e.getKey()).size() == before.get(e.getKey()) + 1));
        int delivered = 0;
        int duplicated = 0;
        for (var e : messages.entrySet()) {
            long taken = calls(e.getValue(), e.getKey()).stream().filter(PartnerOutageTest::takenInTime).count();
            assertThat(taken).as("timely 2xx answers to %s", e.getKey()).isEqualTo(1);
            delivered += (int) Math.min(taken, 1);
            duplicated += (int) Math.max(0, taken - 1);
        }
        String after = command("list", dataDir);
        for (String id : messages.keySet()) {
            assertThat(after.lines().filter(l -> l.contains(id)).findFirst().orElseThrow()).contains("\tSENT\t");
        }
        System.out.printf("RELIABILITY partner-down-past-budget partners=%d dead-letters=%d replayed=%d"
                        + " second-replays-refused=%d delivered=%d lost=%d duplicated=%d%n", TARGETS.size(),
                messages.size(), letters.size(), refusedAgain, delivered, messages.size() - delivered, duplicated);
    }

    static String[] concat(String action, String[] ids, String option) {
        String[] all = new String[ids.length + 2];
        all[0] = action;
        System.arraycopy(ids, 0, all, 1, ids.length);
        all[all.length - 1] = option;
        return all;
    }

    @Test
    void theCommandNamesWhatItCannotDo() {
        String dataDir = "--hub.data-dir=" + hub.dataPath();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(DeadLettersCommand.run(new String[] {"replay", dataDir}, new PrintStream(out, true))).isEqualTo(2);
        assertThat(out.toString()).contains("usage: dead-letters list | show <id>... | replay <id>...");
        out.reset();
        assertThat(DeadLettersCommand.run(new String[] {"show", "x1", dataDir}, new PrintStream(out, true)))
                .isEqualTo(2);
        assertThat(out.toString()).contains("id 'x1' is not a number");
        out.reset();
        assertThat(DeadLettersCommand.run(new String[] {"replay", "987654321", dataDir}, new PrintStream(out, true)))
                .isEqualTo(1);
        assertThat(out.toString()).contains("NO DEAD LETTER 987654321");
    }

    String operatorKey() {
        return apiKey(first(ParticipantRole.OPERATOR));
    }

    static String command(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DeadLettersCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Scripted answers for one message: each fault once, in order, then the partner takes it. */
    void script(Target target, String id, List<Kind> faults) {
        String state = Scenario.STARTED;
        for (int n = 0; n < faults.size(); n++) {
            String next = "after-" + n;
            stub(target, id, state, next, fault(target, faults.get(n)));
            state = next;
        }
        stub(target, id, state, state, ok(target));
    }

    void stub(Target target, String id, String state, String next, ResponseDefinitionBuilder response) {
        PARTNERS.server().stubFor(post(urlEqualTo(target.url())).atPriority(1)
                .withHeader("Idempotency-Key", equalTo(id))
                .inScenario(id).whenScenarioStateIs(state).willSetStateTo(next).willReturn(response));
    }

    static ResponseDefinitionBuilder ok(Target target) {
        return target.channel() == Channel.SOAP
                ? aResponse().withStatus(200).withHeader("Content-Type", "text/xml; charset=UTF-8").withBody(SOAP_OK)
                : aResponse().withStatus(202);
    }

    static ResponseDefinitionBuilder fault(Target target, Kind kind) {
        return switch (kind) {
            case DELAY -> ok(target).withFixedDelay(RESPONSE_TIMEOUT_MS * 3);
            case RESET -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
            case EMPTY -> aResponse().withFault(Fault.EMPTY_RESPONSE);
            case UNAVAILABLE -> aResponse().withStatus(503).withBody("down for maintenance");
        };
    }

    static String expectedReason(Target target, Kind kind) {
        return switch (kind) {
            case DELAY -> "(?i)time";
            case RESET -> "Connection reset";
            case EMPTY -> target.channel() == Channel.SOAP ? "EOF" : "failed to respond";
            case UNAVAILABLE -> "503";
        };
    }

    /** Answered 2xx without a delay past the timeout: the partner took it and the hub heard so. */
    static boolean takenInTime(ServeEvent event) {
        ResponseDefinition r = event.getResponseDefinition();
        Integer delay = r.getFixedDelayMilliseconds();
        return r.getFault() == null && r.getStatus() >= 200 && r.getStatus() < 300
                && (delay == null || delay < RESPONSE_TIMEOUT_MS);
    }

    /** Never two tries of one message closer together than the adapter's first backoff step. */
    static void assertBackoff(List<ServeEvent> calls) {
        for (int n = 1; n < calls.size(); n++) {
            long gap = calls.get(n).getRequest().getLoggedDate().getTime()
                    - calls.get(n - 1).getRequest().getLoggedDate().getTime();
            assertThat(gap).as("gap before try %d", n + 1).isGreaterThanOrEqualTo(150);
        }
    }

    List<ServeEvent> calls(Target target, String id) {
        List<ServeEvent> events = new ArrayList<>(PARTNERS.server().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(target.url()))
                .filter(e -> id.equals(e.getRequest().getHeader("Idempotency-Key")))
                .toList());
        events.sort((a, b) -> a.getRequest().getLoggedDate().compareTo(b.getRequest().getLoggedDate()));
        return events;
    }

    void enqueue(Target target, String id) {
        Object payload = target.channel() == Channel.SOAP
                ? new RepaymentAccount("RA-" + id, "91350200123456700W", "913501002611234009", "HT-" + id,
                        new BankAccount("6222020200776655443", "Demo Bank repayment", "Demo Bank"))
                : Map.of("reference", id);
        Envelope envelope = new Envelope(id, id, target.type(), hub.code(), List.of(target.receiver()),
                OffsetDateTime.now(), json.valueToTree(payload), null);
        byte[] body;
        try {
            body = json.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tx.executeWithoutResult(s -> outbox.add(id, target.channel(), target.destination(), target.receiver(),
                target.type().name(), id, body));
    }

    String status(String messageId) {
        return jdbc.queryForObject("SELECT status FROM outbox WHERE message_id = ?", String.class, messageId);
    }
}
