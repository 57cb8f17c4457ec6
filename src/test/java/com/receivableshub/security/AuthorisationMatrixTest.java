package com.receivableshub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.receivableshub.demo.FunderClient;
import com.receivableshub.demo.ProcurementSoapClient;
import com.receivableshub.model.AccountLockAck;
import com.receivableshub.model.Adjustment;
import com.receivableshub.model.Authorisation;
import com.receivableshub.model.AwardHistory;
import com.receivableshub.model.AwardHistoryQuery;
import com.receivableshub.model.AwardNotice;
import com.receivableshub.model.AwardSummary;
import com.receivableshub.model.BankAccount;
import com.receivableshub.model.CollectionAccount;
import com.receivableshub.model.Contract;
import com.receivableshub.model.CreditLine;
import com.receivableshub.model.CreditLineApproval;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.FeedBatch;
import com.receivableshub.model.FinancingApplication;
import com.receivableshub.model.FinancingIntent;
import com.receivableshub.model.FinancingMode;
import com.receivableshub.model.FinancingRelationship;
import com.receivableshub.model.FinancingRequest;
import com.receivableshub.model.FinancingSettled;
import com.receivableshub.model.HistoricalTrades;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.NoticeConfirmation;
import com.receivableshub.model.NoticeKind;
import com.receivableshub.model.Payable;
import com.receivableshub.model.Payment;
import com.receivableshub.model.PaymentPlanItem;
import com.receivableshub.model.Ping;
import com.receivableshub.model.PledgeNotice;
import com.receivableshub.model.ProcurementPayment;
import com.receivableshub.model.ReceivableKey;
import com.receivableshub.model.RegistrationResult;
import com.receivableshub.model.RelationshipStatus;
import com.receivableshub.model.RepaymentAccount;
import com.receivableshub.model.SampleMessages;
import com.receivableshub.model.Trade;
import com.receivableshub.participant.CreditCode;
import com.receivableshub.participant.FunderQueues;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.MessageHandler;
import com.receivableshub.soap.procurement.Ack;
import com.receivableshub.soap.procurement.AckStatus;
import com.receivableshub.soap.procurement.PaymentInfo;
import com.receivableshub.soap.procurement.ProcurementIntakePort;
import com.receivableshub.soap.procurement.SubmitPaymentInfo;
import com.receivableshub.smoke.SmokeSamples;
import com.receivableshub.support.HubTestSupport;
import com.receivableshub.support.Partners;
import com.receivableshub.trust.InboundSignatures;
import jakarta.jms.JMSException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.endpoint.ServerRegistry;
import org.apache.cxf.service.model.OperationInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Authorisation, the whole matrix: every interface the hub offers x every role x someone else's resource.
 *
 * <p>Interfaces: each REST endpoint under {@code /api} (read from the Camel context's REST definitions) and, for
 * {@code POST /api/v1/messages}, each message type; each SOAP operation under {@code /services} (read from the CXF
 * servers); each broker address (read from the embedded Artemis) for sending and consuming; and each message type a
 * funder puts on {@code hub.inbound}. Roles: the six participant roles, operators, an unknown API key, no credentials.
 * Resources: another participant's code in the sender and party fields, another funder's queue, another supplier's
 * contract, receivable, notice or relationship, another core enterprise's credit line, another treasury's
 * instruction, another procurement system's region and contract, another participant's history.
 *
 * <p>The cells are generated from tables; an interface, message type, SOAP operation or broker address that has no
 * cell for every role fails the test. A cell that must be refused must be refused (401/403, 422 where the hub answers
 * "not yours or unknown" without telling which, a SOAP fault, a JMS security exception, an error report back to the
 * funder) for the expected field, and must change nothing: every table of the database (outbox and ledger apart
 * from the refusal's own error report) and every other funder's queue are compared before and after. A cell that must
 * be allowed must be allowed. The totals are printed ({@code AUTHZ MATRIX ...}) and asserted.
 *
 * <p>The repository's adapters are used with three more participants (a second core enterprise, a second procurement
 * system and a second treasury, for Guangdong) so that every role has "someone else" of its own kind, and with an API
 * key for the registry so that the registry role can be tried on every interface.
 */
class AuthorisationMatrixTest extends HubTestSupport {

    // The demo participants of adapters/.
    static final String CORE = "91350100705432100M";
    static final String SUPPLIER = "91350100M000100Y43";
    static final String SUPPLIER2 = "913501002611234009";
    static final String BANK = "91350200123456700W";
    static final String PEARL = "91440300777788800Y";
    static final String HAIXI = "91310100666677700N";
    static final String PROC = "11350000003123400M";
    static final String REGISTRY = "12100000400001200F";
    static final String TREASURY = "11350000003123499T";
    static final String OPERATOR = "12100000717800888F";
    // Added for this test: someone else of the same kind.
    static final String CORE2 = code("91440300715266001");
    static final String PROC2 = code("11440000006955001");
    static final String TREASURY2 = code("11440000006955002");
    static final String FINANCE_DEPT = PROC;
    static final String FINANCE_DEPT2 = code("11440100006955003");

    static final Partners PARTNERS = new Partners();
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String UNKNOWN_KEY = "not-a-key-" + UUID.randomUUID();

    /** Who tries: each participant role by its demo participant, an unknown caller, and no credentials. */
    enum Actor {
        CORE_ENTERPRISE(ParticipantRole.CORE_ENTERPRISE, CORE, CORE2),
        SUPPLIER(ParticipantRole.SUPPLIER, AuthorisationMatrixTest.SUPPLIER, SUPPLIER2),
        FUNDER(ParticipantRole.FUNDER, BANK, PEARL),
        PROCUREMENT_SYSTEM(ParticipantRole.PROCUREMENT_SYSTEM, PROC, PROC2),
        REGISTRY(ParticipantRole.REGISTRY, AuthorisationMatrixTest.REGISTRY, CORE),
        TREASURY(ParticipantRole.TREASURY, AuthorisationMatrixTest.TREASURY, TREASURY2),
        OPERATOR(ParticipantRole.OPERATOR, AuthorisationMatrixTest.OPERATOR, CORE),
        UNKNOWN(null, null, BANK),
        NONE(null, null, BANK);

        final ParticipantRole role;
        final String me;
        /** Another participant, of the same role where the platform has two. */
        final String other;

        Actor(ParticipantRole role, String me, String other) {
            this.role = role;
            this.me = me;
            this.other = other;
        }

        boolean authenticated() {
            return role != null;
        }
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CamelContext camel;
    @Autowired
    EmbeddedActiveMQ broker;
    @Autowired
    List<MessageHandler> handlers;

    private final Matrix matrix = new Matrix();
    private final HttpClient httpClient = HttpClient.newHttpClient();
    private final LocalDate today = LocalDate.now();

    @DynamicPropertySource
    static void setUp(DynamicPropertyRegistry registry) {
        PARTNERS.register(registry);
        Path adapters = tempDir("adapters");
        try (Stream<Path> files = Files.list(Path.of("adapters"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                String text = Files.readString(f);
                if (f.getFileName().toString().startsWith("registry-")) {
                    text = text.replace("roles: [REGISTRY]\n", "roles: [REGISTRY]\nidentity:\n"
                            + "  apiKey: file:${hub.data-dir}/secrets/registry-zhongdeng.api-key\n");
                }
                Files.writeString(adapters.resolve(f.getFileName()), text);
            }
            Files.writeString(adapters.resolve("core-pearl-delta.yaml"), """
                    code: %s
                    name: Pearl Delta Demo Group (test)
                    roles: [CORE_ENTERPRISE]
                    regions: ["440300"]
                    identity:
                      apiKey: file:${hub.data-dir}/secrets/core-pearl-delta.api-key
                    certificate: ${hub.data-dir}/pki/%1$s.cert.pem
                    endpoints:
                      erp: ${hub.partners.erp-url}
                    """.formatted(CORE2));
            Files.writeString(adapters.resolve("procurement-guangdong.yaml"), """
                    code: %s
                    name: Guangdong Government Procurement System (test)
                    roles: [PROCUREMENT_SYSTEM]
                    regions: ["440000"]
                    identity:
                      apiKey: file:${hub.data-dir}/secrets/procurement-guangdong.api-key
                    certificate: ${hub.data-dir}/pki/%1$s.cert.pem
                    endpoints:
                      api: ${hub.partners.procurement-url}/api
                    """.formatted(PROC2));
            Files.writeString(adapters.resolve("treasury-guangdong.yaml"), """
                    code: %s
                    name: Guangdong Provincial Treasury (test)
                    roles: [TREASURY]
                    regions: ["440000"]
                    identity:
                      apiKey: file:${hub.data-dir}/secrets/treasury-guangdong.api-key
                    certificate: ${hub.data-dir}/pki/%1$s.cert.pem
                    endpoints:
                      treasury: ${hub.partners.treasury-url}
                    """.formatted(TREASURY2));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("hub.adapters-dir", adapters::toString);
    }

    @AfterAll
    static void stopPartners() {
        PARTNERS.stop();
    }

    static String code(String first17) {
        return first17 + CreditCode.checkCharacter(first17);
    }

    // ------------------------------------------------------------------------------------------------------------

    @Test
    void everyInterfaceTimesEveryRoleTimesSomeoneElsesResource() throws Exception {
        long started = System.nanoTime();
        World w = new World();
        try (FunderClient bank = funderClient(participant(BANK)); FunderClient pearl = funderClient(participant(PEARL))) {
            w.bank = bank;

            // Phase 1: what each role may do with its own resources is allowed; this also makes the resources the
            // second phase reaches for (someone else's relationship, notice, contract, trade, instruction).
            allowedCells(w, pearl);
            quiet();
            // The lock instructions went to a treasury that was not there and are dead letters now; it is there for
            // the operator's replay of one.
            PARTNERS.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                    com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/treasury/locks"))
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.ok()));
            allowedOperatorCells(w);
            quiet();
            drainKeepOpen(bank);
            drainKeepOpen(pearl);
            drain(funderClient(participant(HAIXI)));

            // Phase 2: everything that must be refused, each compared before and after.
            long refusing = System.nanoTime();
            refusedCells(w);
            queueCells(w);
            brokerCells(w);
            System.out.println("AUTHZ MATRIX phase 1 (allowed, set-up) ms=" + (refusing - started) / 1_000_000
                    + ", phase 2 (refused) ms=" + (System.nanoTime() - refusing) / 1_000_000);
        }
        matrix.print((System.nanoTime() - started) / 1_000_000);

        assertCoverage();
        assertThat(matrix.failures).as("cells that went the wrong way").isEmpty();
        assertThat(matrix.wronglyAllowed).isZero();
        assertThat(matrix.wronglyRefused).isZero();
        assertThat(matrix.tried).isEqualTo(matrix.refused + matrix.allowed);
        assertThat(matrix.refused).isGreaterThan(300);
    }

    /** The matrix's tables must name every interface the hub really exposes, for every role. */
    private void assertCoverage() {
        List<String> missing = new ArrayList<>();
        Set<Actor> all = EnumSet.allOf(Actor.class);
        assertThat(Arrays.stream(Actor.values()).map(a -> a.role).filter(r -> r != null).collect(Collectors.toSet()))
                .as("every participant role has an actor").containsExactlyInAnyOrder(ParticipantRole.values());
        for (String endpoint : restEndpoints()) {
            if (endpoint.equals("REST POST /api/v1/messages")) {
                for (MessageType type : MessageType.values()) {
                    require(missing, endpoint + " " + type, all);
                }
            } else {
                require(missing, endpoint, all);
            }
        }
        for (String operation : soapOperations()) {
            require(missing, operation, all);
        }
        for (String address : brokerAddresses()) {
            require(missing, "JMS SEND " + address, all);
            require(missing, "JMS CONSUME " + address, all);
        }
        for (MessageHandler handler : handlers) {
            require(missing, "JMS hub.inbound " + handler.type(), EnumSet.of(Actor.FUNDER));
        }
        assertThat(missing).as("interfaces without a cell for every role: add them to the matrix").isEmpty();
        // The published contract should describe what is exposed; print what it leaves out.
        Set<String> contract = openApiEndpoints();
        Set<String> exposed = restEndpoints();
        assertThat(exposed).as("what openapi.yaml describes is exposed").containsAll(contract);
        Set<String> undocumented = new TreeSet<>(exposed);
        undocumented.removeAll(contract);
        System.out.println("AUTHZ MATRIX exposed but not in openapi.yaml: " + undocumented);
    }

    private void require(List<String> missing, String iface, Set<Actor> actors) {
        Set<Actor> covered = matrix.coverage.getOrDefault(iface, EnumSet.noneOf(Actor.class));
        if (!covered.containsAll(actors)) {
            Set<Actor> lacking = EnumSet.copyOf(actors);
            lacking.removeAll(covered);
            missing.add(iface + " lacks " + lacking);
        }
    }

    Set<String> restEndpoints() {
        Set<String> names = new TreeSet<>();
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        for (RestDefinition rest : model.getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                names.add("REST " + verb.asVerb().toUpperCase() + " " + rest.getPath() + verb.getPath());
            }
        }
        assertThat(names).isNotEmpty();
        return names;
    }

    Set<String> openApiEndpoints() {
        Set<String> names = new TreeSet<>();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("contracts/openapi.yaml")) {
            JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(in);
            String base = doc.path("servers").path(0).path("url").asText("");
            doc.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
                if (Set.of("get", "post", "put", "delete", "patch").contains(m)) {
                    names.add("REST " + m.toUpperCase() + " " + base + p.getKey());
                }
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    Set<String> soapOperations() {
        Set<String> names = new TreeSet<>();
        for (var endpoint : camel.getEndpoints()) {
            if (endpoint instanceof CxfEndpoint cxf) {
                ServerRegistry registry = cxf.getBus().getExtension(ServerRegistry.class);
                for (Server server : registry.getServers()) {
                    var info = server.getEndpoint().getEndpointInfo();
                    String address = URI.create(info.getAddress()).getPath();
                    for (OperationInfo op : info.getInterface().getOperations()) {
                        names.add("SOAP " + address.substring(address.lastIndexOf('/')) + "#"
                                + op.getName().getLocalPart());
                    }
                }
            }
        }
        assertThat(names).isNotEmpty();
        return names;
    }

    /** The broker's addresses as the matrix names them: the funder's own queue and another funder's queue. */
    Set<String> brokerAddresses() {
        Set<String> names = new TreeSet<>();
        for (SimpleString a : broker.getActiveMQServer().getPostOffice().getAddresses()) {
            String name = a.toString();
            if (name.startsWith("activemq.") || name.startsWith("$")) {
                continue;
            }
            names.add(name.equals(FunderQueues.queueOf(BANK)) ? "funder.<own>"
                    : name.startsWith("funder.") ? "funder.<other>" : name);
        }
        return names;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Phase 1: allowed.

    /** Names of what phase 1 creates, for phase 2 to reach for. */
    static final class World {
        FunderClient bank;
        String hist = "HIST-" + UUID.randomUUID();
        String line1 = "CL-" + UUID.randomUUID();
        String line2 = "CL-" + UUID.randomUUID();
        String rel1 = "REL-" + UUID.randomUUID();
        String rel2 = "REL-" + UUID.randomUUID();
        String p1 = "FP-" + UUID.randomUUID();
        String p2 = "FP-" + UUID.randomUUID();
        String p3 = "FP-" + UUID.randomUUID();
        String notice1 = "PN-" + UUID.randomUUID();
        String notice2 = "PN-" + UUID.randomUUID();
        String trade1 = "TR-" + UUID.randomUUID();
        String award1 = "ZB-" + UUID.randomUUID();
        String contract1 = "HT-" + UUID.randomUUID();
        String contract2 = "HT-" + UUID.randomUUID();
        String contract3 = "HT-" + UUID.randomUUID();
        String trade2 = "TR-" + UUID.randomUUID();
        String trade3 = "TR-" + UUID.randomUUID();
        String forwardedQuery = "Q-" + UUID.randomUUID();
        long deadLetter;
    }

    private void allowedCells(World w, FunderClient pearl) throws Exception {
        LocalDate lastJanuary = LocalDate.of(today.getYear() - 1, 1, 1);
        // Reverse factoring.
        allowMessage(Actor.SUPPLIER, MessageType.AUTHORISATION, "its own authorisation",
                new Authorisation("AUTH-" + UUID.randomUUID(), SUPPLIER, CORE, BANK, lastJanuary, today.plusYears(1)));
        allowMessage(Actor.CORE_ENTERPRISE, MessageType.HISTORICAL_TRADES, "history its supplier authorised",
                new HistoricalTrades(SUPPLIER, CORE, BANK, lastJanuary, List.of(
                        payable(SUPPLIER, w.hist, "12000.00", lastJanuary.plusMonths(2)))));
        allowMessage(Actor.FUNDER, MessageType.CREDIT_LINE, "its own credit line",
                new CreditLine(w.line1, BANK, SUPPLIER, CORE, new BigDecimal("5000000.00"), today, today.plusYears(1)));
        setUp(PEARL, MessageType.CREDIT_LINE, new CreditLine(w.line2, PEARL, SUPPLIER2, CORE2,
                new BigDecimal("100000.00"), today, today.plusYears(1)));
        allowMessage(Actor.CORE_ENTERPRISE, MessageType.CREDIT_LINE_APPROVAL, "a line awaiting its decision",
                new CreditLineApproval(w.line1, CORE, true, null));
        allowMessage(Actor.SUPPLIER, MessageType.FINANCING_RELATIONSHIP, "its own relationship",
                new FinancingRelationship(w.rel1, SUPPLIER, CORE, BANK, FinancingMode.POOL, RelationshipStatus.ACTIVE));
        setUp(SUPPLIER2, MessageType.FINANCING_RELATIONSHIP, new FinancingRelationship(w.rel2, SUPPLIER2, CORE, PEARL,
                FinancingMode.POOL, RelationshipStatus.ACTIVE));
        matrix.run(new Cell("REST POST /api/v1/feed", Actor.CORE_ENTERPRISE, "its own daily feed", true,
                () -> feedOutcome(post("/api/v1/feed", Actor.CORE_ENTERPRISE, json.writeValueAsString(new FeedBatch(
                        "B-" + UUID.randomUUID(), CORE, List.of(payable(SUPPLIER, w.p1, "100000.00", today),
                        payable(SUPPLIER2, w.p2, "50000.00", today)), List.of(), List.of(), List.of())), Map.of()), 2)));
        allowMessage(Actor.CORE_ENTERPRISE, MessageType.PAYABLE, "its own payable",
                payable(SUPPLIER, w.p3, "30000.00", today));
        allowMessage(Actor.CORE_ENTERPRISE, MessageType.ADJUSTMENT, "an adjustment of its own payable",
                new Adjustment("ADJ-" + UUID.randomUUID(), SUPPLIER, CORE, w.p3, new BigDecimal("-100.00"), "returns",
                        today));
        allowMessage(Actor.CORE_ENTERPRISE, MessageType.PAYMENT, "a payment of its own payable",
                new Payment("PMT-" + UUID.randomUUID(), SUPPLIER, CORE, w.p3, new BigDecimal("100.00"), today));
        allowMessage(Actor.CORE_ENTERPRISE, MessageType.COLLECTION_ACCOUNT, "its own supplier's collection account",
                new CollectionAccount(CORE, SUPPLIER, account("Minjiang collection"), today));
        allowMessage(Actor.SUPPLIER, MessageType.FINANCING_REQUEST, "its own payables, its own relationship",
                new FinancingRequest("REQ-" + UUID.randomUUID(), w.rel1, SUPPLIER, BANK, List.of(key(SUPPLIER, w.p1)),
                        new BigDecimal("90000.00")));
        allowMessage(Actor.FUNDER, MessageType.PLEDGE_NOTICE, "a receivable of a supplier it finances",
                notice(w.notice1, BANK, SUPPLIER, w.p1, "90000.00"));
        setUp(PEARL, MessageType.PLEDGE_NOTICE, notice(w.notice2, PEARL, SUPPLIER2, w.p2, "40000.00"));
        allowMessage(Actor.SUPPLIER, MessageType.NOTICE_CONFIRMATION, "a notice sent to it",
                new NoticeConfirmation(w.notice1, SUPPLIER, true));
        allowMessage(Actor.FUNDER, MessageType.TRADE, "a trade on its own confirmed notice",
                new Trade(w.trade1, BANK, SUPPLIER, CORE, List.of(key(SUPPLIER, w.p1)), null,
                        new BigDecimal("90000.00"), today, w.notice1));
        allowMessage(Actor.FUNDER, MessageType.FINANCING_SETTLED, "its own trade", new FinancingSettled(w.trade1, today));

        // Government procurement.
        allowMessage(Actor.PROCUREMENT_SYSTEM, MessageType.AWARD_NOTICE, "an award of its region",
                award(w.award1, "350100", SUPPLIER, PROC));
        allowMessage(Actor.PROCUREMENT_SYSTEM, MessageType.CONTRACT, "a contract of its region",
                contract(w.contract1, w.award1, "350100", SUPPLIER, FINANCE_DEPT));
        setUp(PROC2, MessageType.CONTRACT, contract(w.contract2, null, "440100", SUPPLIER2, FINANCE_DEPT2));
        allowMessage(Actor.PROCUREMENT_SYSTEM, MessageType.PROCUREMENT_PAYMENT, "a payment on its own contract",
                new ProcurementPayment("PAY-" + UUID.randomUUID(), w.contract1, new BigDecimal("1000.00"), today));
        ProcurementIntakePort proc = ProcurementSoapClient.connect(baseUrl(), key(Actor.PROCUREMENT_SYSTEM));
        var soapAward = SmokeSamples.awardNotice(participant(PROC), "ZB-" + UUID.randomUUID());
        soapAward.setSupplierCode(SUPPLIER);
        matrix.run(new Cell("SOAP /procurement#submitAwardNotice", Actor.PROCUREMENT_SYSTEM, "an award of its region",
                true, () -> soap(() -> proc.submitAwardNotice(SmokeSamples.request("r-" + UUID.randomUUID(),
                soapAward)), null)));
        var soapContract = SmokeSamples.contract(participant(PROC), w.contract3, null);
        soapContract.setSupplierCode(SUPPLIER);
        matrix.run(new Cell("SOAP /procurement#submitContract", Actor.PROCUREMENT_SYSTEM, "a contract of its region",
                true, () -> soap(() -> proc.submitContract(SmokeSamples.request("r-" + UUID.randomUUID(),
                soapContract)), null)));
        matrix.run(new Cell("SOAP /procurement#submitPaymentInfo", Actor.PROCUREMENT_SYSTEM,
                "a payment on its own contract", true, () -> soap(() -> proc.submitPaymentInfo(
                paymentInfo(w.contract1)), null)));
        allowMessage(Actor.SUPPLIER, MessageType.FINANCING_INTENT, "its own intent",
                new FinancingIntent("INT-" + UUID.randomUUID(), SUPPLIER, List.of(FINANCE_DEPT),
                        new BigDecimal("100000.00"), "six months"));
        allowMessage(Actor.SUPPLIER, MessageType.FINANCING_APPLICATION, "its own contract",
                new FinancingApplication("APP-" + UUID.randomUUID(), SUPPLIER, BANK, w.contract1, null,
                        new BigDecimal("100000.00"), "six months"));
        setUp(SUPPLIER2, MessageType.FINANCING_APPLICATION, new FinancingApplication("APP-" + UUID.randomUUID(),
                SUPPLIER2, PEARL, w.contract2, null, new BigDecimal("100000.00"), "six months"));
        allowMessage(Actor.FUNDER, MessageType.REPAYMENT_ACCOUNT, "a contract its supplier applied to it for",
                new RepaymentAccount("RA-" + UUID.randomUUID(), BANK, SUPPLIER, w.contract1, account("Bank repayment")));
        allowMessage(Actor.FUNDER, MessageType.AWARD_HISTORY_QUERY, "its own query, answered by the hub",
                new AwardHistoryQuery("Q-" + UUID.randomUUID(), BANK, SUPPLIER, today.minusYears(1)));
        allowMessage(Actor.FUNDER, MessageType.AWARD_HISTORY_QUERY, "its own query, asked of the systems",
                new AwardHistoryQuery(w.forwardedQuery, BANK, SUPPLIER2, today.minusYears(1)));
        allowMessage(Actor.PROCUREMENT_SYSTEM, MessageType.AWARD_HISTORY, "the answer to a query asked of it",
                new AwardHistory(BANK + ":" + w.forwardedQuery, SUPPLIER2, new AwardSummary(1,
                        new BigDecimal("1000.00")), List.of(award("ZB-" + UUID.randomUUID(), "350100", SUPPLIER2, PROC)),
                        List.of()));
        allowMessage(Actor.FUNDER, MessageType.TRADE, "a trade on a contract its supplier applied to it for",
                new Trade(w.trade2, BANK, SUPPLIER, FINANCE_DEPT, null, w.contract1, new BigDecimal("50000.00"), today,
                        null));
        setUp(PEARL, MessageType.TRADE, new Trade(w.trade3, PEARL, SUPPLIER2, FINANCE_DEPT2, null, w.contract2,
                new BigDecimal("50000.00"), today, null));
        allowMessage(Actor.TREASURY, MessageType.ACCOUNT_LOCK_ACK, "an instruction sent to it",
                new AccountLockAck("LOCK:" + BANK + ":" + w.trade2, true, null));

        // Every role may ping, ask who it is, and read the contracts.
        for (Actor a : Actor.values()) {
            if (a.authenticated()) {
                allowMessage(a, MessageType.PING, "its own ping", new Ping("matrix"));
                matrix.run(new Cell("REST GET /api/v1/participants/me", a, "itself, with a forged X-Hub-Caller", true,
                        () -> me(a)));
            }
            matrix.run(new Cell("REST GET /api/v1/openapi.yaml", a, "the public contract", true,
                    () -> judge(get("/api/v1/openapi.yaml", a, Map.of()), Set.of(), null)));
            matrix.run(new Cell("SOAP /procurement?wsdl", a, "the public contract", true,
                    () -> judge(get("/services/procurement?wsdl", a, Map.of()), Set.of(), null)));
        }
        // The funder on the broker: its own queue, and its own messages on the inbound address.
        matrix.run(new Cell("JMS CONSUME funder.<own>", Actor.FUNDER, "its own queue", true,
                () -> jms(Actor.FUNDER, c -> c.consumerOn(FunderQueues.queueOf(BANK)))));
        matrix.run(new Cell("JMS SEND hub.inbound", Actor.FUNDER, "its own ping", true,
                () -> jms(Actor.FUNDER, c -> c.sendText(FunderQueues.INBOUND,
                        json.writeValueAsString(envelope(BANK, MessageType.PING, new Ping("matrix")))))));
        allowQueued(w, MessageType.CREDIT_LINE, "its own credit line", new CreditLine("CL-" + UUID.randomUUID(), BANK,
                SUPPLIER, CORE, new BigDecimal("1000.00"), today, today.plusYears(1)));
        allowQueued(w, MessageType.PING, "its own ping", new Ping("matrix"));
    }

    private void allowedOperatorCells(World w) {
        w.deadLetter = jdbc.queryForObject("SELECT MIN(id) FROM dead_letter", Long.class);
        for (OperatorEndpoint endpoint : operatorEndpoints(w)) {
            matrix.run(new Cell(endpoint.iface(), Actor.OPERATOR, endpoint.resource(), true, () -> judge(
                    send(endpoint.method(), endpoint.path(), Actor.OPERATOR, endpoint.body(), Map.of()), Set.of(),
                    null)));
        }
    }

    record OperatorEndpoint(String method, String template, String path, String resource) {
        String iface() {
            return "REST " + method + " " + template;
        }

        String body() {
            return method.equals("POST") ? "" : null;
        }
    }

    /** Operator endpoints: as Camel names them, as called here, and whose data they show. */
    private List<OperatorEndpoint> operatorEndpoints(World w) {
        String base = "/api/v1/operator";
        return List.of(
                new OperatorEndpoint("GET", base + "/ledger/verify", base + "/ledger/verify", "the whole ledger"),
                new OperatorEndpoint("GET", base + "/receivables/{creditorCode}/{debtorCode}/{documentNumber}/history",
                        base + "/receivables/" + SUPPLIER + "/" + CORE + "/" + w.p1 + "/history",
                        "a supplier's receivable history"),
                new OperatorEndpoint("GET", base + "/contracts/{contractId}/history",
                        base + "/contracts/" + w.contract2 + "/history", "another supplier's contract history"),
                new OperatorEndpoint("GET", base + "/dead-letters", base + "/dead-letters", "every dead letter"),
                new OperatorEndpoint("GET", base + "/dead-letters/{id}", base + "/dead-letters/" + w.deadLetter,
                        "a dead letter's body"),
                new OperatorEndpoint("GET", base + "/account-locks", base + "/account-locks",
                        "every unacknowledged lock"),
                new OperatorEndpoint("POST", base + "/dead-letters/{id}/replay",
                        base + "/dead-letters/" + w.deadLetter + "/replay", "delivering a dead letter again"));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Phase 2: refused.

    private void refusedCells(World w) throws Exception {
        // Every message type x every role: in another participant's name; a type the role may not send; no or an
        // unknown key. Then each type's own "someone else's resource" cells.
        Map<MessageType, MessageHandler> byType = new EnumMap<>(MessageType.class);
        handlers.forEach(h -> byType.put(h.type(), h));
        for (MessageType type : MessageType.values()) {
            MessageHandler handler = byType.get(type);
            Object sample = SampleMessages.sample(type);
            for (Actor a : Actor.values()) {
                if (!a.authenticated()) {
                    refuseMessage(a, type, "anything", a.other, sample, Set.of(401), CallerIdentityFilter.API_KEY);
                    continue;
                }
                refuseMessage(a, type, "in another participant's name", a.other, sample, Set.of(403), "sender");
                if (handler == null) {
                    refuseMessage(a, type, "a type only the hub sends", a.me, sample, Set.of(422), "type");
                } else if (!handler.senders().contains(a.role)) {
                    refuseMessage(a, type, "a type its role may not send", a.me, sample, Set.of(403), "type");
                }
            }
        }
        foreignResourceCells(w);

        // The daily feed.
        for (Actor a : Actor.values()) {
            FeedBatch own = new FeedBatch("B-" + UUID.randomUUID(), a.me, List.of(payable(SUPPLIER, "FP-X", "1.00",
                    today)), List.of(), List.of(), List.of());
            if (!a.authenticated()) {
                refuse("REST POST /api/v1/feed", a, "anything", () -> judge(post("/api/v1/feed", a,
                        json.writeValueAsString(own), Map.of()), Set.of(401), CallerIdentityFilter.API_KEY));
            } else if (a != Actor.CORE_ENTERPRISE) {
                refuse("REST POST /api/v1/feed", a, "a feed in its own name, not a core enterprise", () -> judge(
                        post("/api/v1/feed", a, json.writeValueAsString(own), Map.of()), Set.of(403),
                        CallerIdentityFilter.API_KEY));
            }
        }
        refuse("REST POST /api/v1/feed", Actor.CORE_ENTERPRISE, "another core enterprise's feed", () -> judge(
                post("/api/v1/feed", Actor.CORE_ENTERPRISE, json.writeValueAsString(new FeedBatch(
                        "B-" + UUID.randomUUID(), CORE2, List.of(payable(SUPPLIER, "FP-Y", "1.00", today)), List.of(),
                        List.of(), List.of())), Map.of()), Set.of(403), "coreEnterpriseCode"));
        refuse("REST POST /api/v1/feed", Actor.CORE_ENTERPRISE, "payables another core enterprise owes", () -> {
            Payable foreign = new Payable(CORE2, SUPPLIER, "FP-" + UUID.randomUUID(), new BigDecimal("10.00"), today,
                    today.plusMonths(6), true, "CNY");
            HttpResponse<String> r = post("/api/v1/feed", Actor.CORE_ENTERPRISE, json.writeValueAsString(new FeedBatch(
                    "B-" + UUID.randomUUID(), CORE, List.of(foreign), List.of(), List.of(), List.of())), Map.of());
            return feedOutcome(r, 0);
        });

        // Who am I, for nobody.
        for (Actor a : List.of(Actor.UNKNOWN, Actor.NONE)) {
            refuse("REST GET /api/v1/participants/me", a, "someone's identity", () -> judge(
                    get("/api/v1/participants/me", a, Map.of(CallerIdentityFilter.CALLER, BANK)), Set.of(401),
                    CallerIdentityFilter.API_KEY));
        }

        // Operator endpoints, for everyone but operators, with a forged caller header naming the operator.
        for (OperatorEndpoint endpoint : operatorEndpoints(w)) {
            for (Actor a : Actor.values()) {
                if (a == Actor.OPERATOR) {
                    continue;
                }
                int status = a.authenticated() ? 403 : 401;
                refuse(endpoint.iface(), a, "another participant's data: " + endpoint.resource(), () -> judge(
                        send(endpoint.method(), endpoint.path(), a, endpoint.body(),
                                Map.of(CallerIdentityFilter.CALLER, OPERATOR)), Set.of(status),
                        CallerIdentityFilter.API_KEY));
            }
        }

        // SOAP: only procurement systems, only their own regions and contracts.
        for (Actor a : Actor.values()) {
            if (a == Actor.PROCUREMENT_SYSTEM) {
                continue;
            }
            String expected = a.authenticated() ? "type:" : "unauthenticated";
            ProcurementIntakePort port = ProcurementSoapClient.connect(baseUrl(), key(a));
            var award = SmokeSamples.awardNotice(participant(PROC), "ZB-" + UUID.randomUUID());
            refuse("SOAP /procurement#submitAwardNotice", a, "an award notice", () -> soap(() ->
                    port.submitAwardNotice(SmokeSamples.request("r-" + UUID.randomUUID(), award)), expected));
            var contract = SmokeSamples.contract(participant(PROC), "HT-" + UUID.randomUUID(), null);
            refuse("SOAP /procurement#submitContract", a, "a contract", () -> soap(() ->
                    port.submitContract(SmokeSamples.request("r-" + UUID.randomUUID(), contract)), expected));
            refuse("SOAP /procurement#submitPaymentInfo", a, "a payment on someone's contract", () -> soap(() ->
                    port.submitPaymentInfo(paymentInfo(w.contract1)), expected));
        }
        ProcurementIntakePort proc = ProcurementSoapClient.connect(baseUrl(), key(Actor.PROCUREMENT_SYSTEM));
        var foreignAward = SmokeSamples.awardNotice(participant(PROC2), "ZB-" + UUID.randomUUID());
        refuse("SOAP /procurement#submitAwardNotice", Actor.PROCUREMENT_SYSTEM, "another system's region",
                () -> soap(() -> proc.submitAwardNotice(SmokeSamples.request("r-" + UUID.randomUUID(), foreignAward)),
                        "awardNotice.region:"));
        var foreignContract = SmokeSamples.contract(participant(PROC2), "HT-" + UUID.randomUUID(), null);
        refuse("SOAP /procurement#submitContract", Actor.PROCUREMENT_SYSTEM, "another system's region",
                () -> soap(() -> proc.submitContract(SmokeSamples.request("r-" + UUID.randomUUID(), foreignContract)),
                        "contract.region:"));
        refuse("SOAP /procurement#submitPaymentInfo", Actor.PROCUREMENT_SYSTEM, "another system's contract",
                () -> soap(() -> proc.submitPaymentInfo(paymentInfo(w.contract2)), "paymentInfo.contractId:"));
    }

    /** For each message type: its sender naming someone else's resource in the payload. */
    private void foreignResourceCells(World w) {
        Actor core = Actor.CORE_ENTERPRISE;
        Actor supplier = Actor.SUPPLIER;
        Actor funder = Actor.FUNDER;
        Actor proc = Actor.PROCUREMENT_SYSTEM;
        LocalDate lastJanuary = LocalDate.of(today.getYear() - 1, 1, 1);
        Set<Integer> forbidden = Set.of(403);
        // "Not yours or not known": the hub does not say which, so that nobody learns of another's resource.
        Set<Integer> notYours = Set.of(403, 422);

        refuseMessage(supplier, MessageType.AUTHORISATION, "another supplier's name", SUPPLIER, new Authorisation(
                "AUTH-" + UUID.randomUUID(), SUPPLIER2, CORE, BANK, lastJanuary, today), forbidden, "supplierCode");
        refuseMessage(core, MessageType.HISTORICAL_TRADES, "another core enterprise's name", CORE, new HistoricalTrades(
                SUPPLIER, CORE2, BANK, lastJanuary, List.of()), forbidden, "coreEnterpriseCode");
        refuseMessage(core, MessageType.HISTORICAL_TRADES, "a supplier's history to a funder it did not authorise",
                CORE, new HistoricalTrades(SUPPLIER, CORE, PEARL, lastJanuary, List.of()), forbidden, "funderCode");
        refuseMessage(core, MessageType.HISTORICAL_TRADES, "another supplier's history", CORE, new HistoricalTrades(
                SUPPLIER2, CORE, BANK, lastJanuary, List.of()), forbidden, "funderCode");
        refuseMessage(funder, MessageType.CREDIT_LINE, "another funder's name", BANK, new CreditLine(
                "CL-" + UUID.randomUUID(), PEARL, SUPPLIER, CORE, new BigDecimal("1.00"), today, today.plusYears(1)),
                forbidden, "funderCode");
        refuseMessage(core, MessageType.CREDIT_LINE_APPROVAL, "another core enterprise's name", CORE,
                new CreditLineApproval(w.line2, CORE2, true, null), forbidden, "coreEnterpriseCode");
        refuseMessage(core, MessageType.CREDIT_LINE_APPROVAL, "another core enterprise's credit line", CORE,
                new CreditLineApproval(w.line2, CORE, true, null), notYours, "creditLineId");
        refuseMessage(supplier, MessageType.FINANCING_RELATIONSHIP, "another supplier's name", SUPPLIER,
                new FinancingRelationship("REL-" + UUID.randomUUID(), SUPPLIER2, CORE, BANK, FinancingMode.POOL,
                        RelationshipStatus.ACTIVE), forbidden, "supplierCode");
        refuseMessage(supplier, MessageType.FINANCING_RELATIONSHIP, "ending another supplier's relationship",
                SUPPLIER, new FinancingRelationship(w.rel2, SUPPLIER, CORE, PEARL, FinancingMode.POOL,
                        RelationshipStatus.ENDED), notYours, "relationshipId");
        Payable owedByOther = new Payable(CORE2, SUPPLIER, "FP-" + UUID.randomUUID(), new BigDecimal("10.00"), today,
                today.plusMonths(6), true, "CNY");
        refuseMessage(core, MessageType.PAYABLE, "another core enterprise's payable", CORE, owedByOther, forbidden,
                "debtorCode");
        refuseMessage(core, MessageType.ADJUSTMENT, "another core enterprise's payable", CORE, new Adjustment(
                "ADJ-" + UUID.randomUUID(), SUPPLIER2, CORE2, w.p2, new BigDecimal("-1.00"), "x", today), forbidden,
                "debtorCode");
        refuseMessage(core, MessageType.PAYMENT, "another core enterprise's payable", CORE, new Payment(
                "PMT-" + UUID.randomUUID(), SUPPLIER2, CORE2, w.p2, new BigDecimal("1.00"), today), forbidden,
                "debtorCode");
        refuseMessage(core, MessageType.COLLECTION_ACCOUNT, "another core enterprise's supplier account", CORE,
                new CollectionAccount(CORE2, SUPPLIER2, account("someone"), today), forbidden, "debtorCode");
        refuseMessage(supplier, MessageType.FINANCING_REQUEST, "another supplier's name", SUPPLIER,
                new FinancingRequest("REQ-" + UUID.randomUUID(), w.rel2, SUPPLIER2, PEARL,
                        List.of(key(SUPPLIER2, w.p2)), new BigDecimal("1.00")), forbidden, "supplierCode");
        refuseMessage(supplier, MessageType.FINANCING_REQUEST, "another supplier's relationship", SUPPLIER,
                new FinancingRequest("REQ-" + UUID.randomUUID(), w.rel2, SUPPLIER, PEARL,
                        List.of(key(SUPPLIER, w.p3)), new BigDecimal("1.00")), notYours, "relationshipId");
        refuseMessage(supplier, MessageType.FINANCING_REQUEST, "another supplier's receivable", SUPPLIER,
                new FinancingRequest("REQ-" + UUID.randomUUID(), w.rel1, SUPPLIER, BANK,
                        List.of(key(SUPPLIER2, w.p2)), new BigDecimal("1.00")), notYours,
                "payload.payables[0].creditorCode");
        refuseMessage(supplier, MessageType.FINANCING_INTENT, "another supplier's name", SUPPLIER,
                new FinancingIntent("INT-" + UUID.randomUUID(), SUPPLIER2, List.of(FINANCE_DEPT),
                        new BigDecimal("1.00"), "x"), forbidden, "supplierCode");
        refuseMessage(supplier, MessageType.FINANCING_APPLICATION, "another supplier's name", SUPPLIER,
                new FinancingApplication("APP-" + UUID.randomUUID(), SUPPLIER2, PEARL, w.contract2, null,
                        new BigDecimal("1.00"), "x"), forbidden, "supplierCode");
        refuseMessage(supplier, MessageType.FINANCING_APPLICATION, "another supplier's contract", SUPPLIER,
                new FinancingApplication("APP-" + UUID.randomUUID(), SUPPLIER, PEARL, w.contract2, null,
                        new BigDecimal("1.00"), "x"), forbidden, "contractId");
        refuseMessage(funder, MessageType.PLEDGE_NOTICE, "another funder's name", BANK,
                notice("PN-" + UUID.randomUUID(), PEARL, SUPPLIER2, w.p2, "1.00"), forbidden, "funderCode");
        refuseMessage(funder, MessageType.PLEDGE_NOTICE, "a receivable of a supplier it has no relationship with",
                BANK, notice("PN-" + UUID.randomUUID(), BANK, SUPPLIER2, w.p2, "1.00"), forbidden, "supplierCode");
        refuseMessage(supplier, MessageType.NOTICE_CONFIRMATION, "another supplier's name", SUPPLIER,
                new NoticeConfirmation(w.notice2, SUPPLIER2, true), forbidden, "supplierCode");
        refuseMessage(supplier, MessageType.NOTICE_CONFIRMATION, "a notice sent to another supplier", SUPPLIER,
                new NoticeConfirmation(w.notice2, SUPPLIER, true), notYours, "noticeId");
        refuseMessage(funder, MessageType.TRADE, "another funder's name", BANK, new Trade("TR-" + UUID.randomUUID(),
                PEARL, SUPPLIER2, CORE, List.of(key(SUPPLIER2, w.p2)), null, new BigDecimal("1.00"), today, null),
                forbidden, "funderCode");
        refuseMessage(funder, MessageType.TRADE, "another funder's notice", BANK, new Trade("TR-" + UUID.randomUUID(),
                BANK, SUPPLIER2, CORE, List.of(key(SUPPLIER2, w.p2)), null, new BigDecimal("1.00"), today, w.notice2),
                notYours, "noticeId");
        refuseMessage(funder, MessageType.TRADE, "a receivable of a supplier it has no relationship with", BANK,
                new Trade("TR-" + UUID.randomUUID(), BANK, SUPPLIER2, CORE, List.of(key(SUPPLIER2, w.p2)), null,
                        new BigDecimal("1.00"), today, null), forbidden, "supplierCode");
        refuseMessage(funder, MessageType.TRADE, "a contract applied to another funder for", BANK, new Trade(
                "TR-" + UUID.randomUUID(), BANK, SUPPLIER2, FINANCE_DEPT2, null, w.contract2, new BigDecimal("1.00"),
                today, null), forbidden, "contractId");
        refuseMessage(funder, MessageType.FINANCING_SETTLED, "another funder's trade", BANK,
                new FinancingSettled(w.trade3, today), notYours, "tradeId");
        refuseMessage(funder, MessageType.REPAYMENT_ACCOUNT, "another funder's name", BANK, new RepaymentAccount(
                "RA-" + UUID.randomUUID(), PEARL, SUPPLIER2, w.contract2, account("x")), forbidden, "funderCode");
        refuseMessage(funder, MessageType.REPAYMENT_ACCOUNT, "a contract applied to another funder for", BANK,
                new RepaymentAccount("RA-" + UUID.randomUUID(), BANK, SUPPLIER2, w.contract2, account("x")),
                forbidden, "contractId");
        refuseMessage(funder, MessageType.AWARD_HISTORY_QUERY, "another funder's name", BANK, new AwardHistoryQuery(
                "Q-" + UUID.randomUUID(), PEARL, SUPPLIER, today.minusYears(1)), forbidden, "funderCode");
        refuseMessage(proc, MessageType.AWARD_NOTICE, "another system's region", PROC,
                award("ZB-" + UUID.randomUUID(), "440100", SUPPLIER2, PROC), forbidden, "awardNotice.region");
        refuseMessage(proc, MessageType.CONTRACT, "another system's region", PROC,
                contract("HT-" + UUID.randomUUID(), null, "440100", SUPPLIER2, FINANCE_DEPT2), forbidden,
                "contract.region");
        refuseMessage(proc, MessageType.PROCUREMENT_PAYMENT, "another system's contract", PROC, new ProcurementPayment(
                "PAY-" + UUID.randomUUID(), w.contract2, new BigDecimal("1.00"), today), forbidden,
                "paymentInfo.contractId");
        refuseMessage(proc, MessageType.AWARD_HISTORY, "a history for a funder that asked it nothing", PROC,
                new AwardHistory(PEARL + ":Q-" + UUID.randomUUID(), SUPPLIER2, new AwardSummary(0, BigDecimal.ZERO),
                        List.of(), List.of()), forbidden, "queryId");
        refuseMessage(proc, MessageType.AWARD_HISTORY, "another system's region in an answer", PROC,
                new AwardHistory(BANK + ":" + w.forwardedQuery, SUPPLIER2, new AwardSummary(1, new BigDecimal("1.00")),
                        List.of(award("ZB-" + UUID.randomUUID(), "440100", SUPPLIER2, PROC)), List.of()), forbidden,
                "awards[0].region");
        refuseMessage(proc, MessageType.AWARD_HISTORY, "another supplier's awards in an answer", PROC,
                new AwardHistory(BANK + ":" + w.forwardedQuery, SUPPLIER2, new AwardSummary(1, new BigDecimal("1.00")),
                        List.of(award("ZB-" + UUID.randomUUID(), "350100", SUPPLIER, PROC)), List.of()), forbidden,
                "awards[0].supplierCode");
        refuseMessage(Actor.TREASURY, MessageType.ACCOUNT_LOCK_ACK, "another treasury's instruction", TREASURY,
                new AccountLockAck("LOCK:" + PEARL + ":" + w.trade3, true, null), forbidden, "instructionId");
        refuseMessage(Actor.REGISTRY, MessageType.REGISTRATION_RESULT, "a registration the hub did not ask for",
                REGISTRY, new RegistrationResult(PEARL + ":" + w.notice2, "REG-FORGED", List.of(),
                        OffsetDateTime.now()), notYours, "registrationRequestId");
    }

    /** What a funder puts on hub.inbound: in another's name, types it may not send, others' resources. */
    private void queueCells(World w) {
        Map<MessageType, MessageHandler> byType = new EnumMap<>(MessageType.class);
        handlers.forEach(h -> byType.put(h.type(), h));
        for (MessageHandler handler : handlers) {
            MessageType type = handler.type();
            Object sample = SampleMessages.sample(type);
            refuseQueued(w, type, "in another participant's name", PEARL, sample, "sender");
            if (!handler.senders().contains(ParticipantRole.FUNDER)) {
                refuseQueued(w, type, "a type a funder may not send", BANK, sample, "type");
            }
        }
        refuseQueued(w, MessageType.CREDIT_LINE, "another funder's name", BANK, new CreditLine("CL-" + UUID.randomUUID(),
                PEARL, SUPPLIER, CORE, new BigDecimal("1.00"), today, today.plusYears(1)), "funderCode");
        refuseQueued(w, MessageType.PLEDGE_NOTICE, "a receivable of a supplier it has no relationship with", BANK,
                notice("PN-" + UUID.randomUUID(), BANK, SUPPLIER2, w.p2, "1.00"), "supplierCode");
        refuseQueued(w, MessageType.TRADE, "another funder's notice", BANK, new Trade("TR-" + UUID.randomUUID(), BANK,
                SUPPLIER2, CORE, List.of(key(SUPPLIER2, w.p2)), null, new BigDecimal("1.00"), today, w.notice2),
                "noticeId");
        refuseQueued(w, MessageType.TRADE, "a contract applied to another funder for", BANK, new Trade(
                "TR-" + UUID.randomUUID(), BANK, SUPPLIER2, FINANCE_DEPT2, null, w.contract2, new BigDecimal("1.00"),
                today, null), "contractId");
        refuseQueued(w, MessageType.FINANCING_SETTLED, "another funder's trade", BANK,
                new FinancingSettled(w.trade3, today), "tradeId");
        refuseQueued(w, MessageType.REPAYMENT_ACCOUNT, "a contract applied to another funder for", BANK,
                new RepaymentAccount("RA-" + UUID.randomUUID(), BANK, SUPPLIER2, w.contract2, account("x")),
                "contractId");
        refuseQueued(w, MessageType.AWARD_HISTORY_QUERY, "another funder's name", BANK, new AwardHistoryQuery(
                "Q-" + UUID.randomUUID(), PEARL, SUPPLIER, today.minusYears(1)), "funderCode");
    }

    /** The broker's addresses x every role: only a funder, only its own queue to consume, only hub.inbound to send. */
    private void brokerCells(World w) {
        Map<String, String> addresses = new LinkedHashMap<>();
        addresses.put("hub.inbound", FunderQueues.INBOUND);
        addresses.put("funder.<own>", FunderQueues.queueOf(BANK));
        addresses.put("funder.<other>", FunderQueues.queueOf(PEARL));
        addresses.put(FunderQueues.DEAD_LETTER, FunderQueues.DEAD_LETTER);
        addresses.put(FunderQueues.EXPIRY, FunderQueues.EXPIRY);
        for (var address : addresses.entrySet()) {
            for (Actor a : Actor.values()) {
                boolean own = a == Actor.FUNDER;
                if (!(own && address.getKey().equals("funder.<own>"))) {
                    refuse("JMS CONSUME " + address.getKey(), a, own ? "a queue not its own" : "any queue",
                            () -> jms(a, c -> c.consumerOn(address.getValue())));
                }
                if (!(own && address.getKey().equals("hub.inbound"))) {
                    refuse("JMS SEND " + address.getKey(), a, own ? "an address other than hub.inbound" : "anything",
                            () -> jms(a, c -> c.sendText(address.getValue(), "{\"probe\":true}")));
                }
            }
        }
        // Logging in as another funder with one's own password.
        refuse("JMS CONSUME funder.<other>", Actor.FUNDER, "another funder's broker user, its own password",
                () -> {
                    try (FunderClient c = new FunderClient(brokerUrl(), participant(PEARL).brokerUser().orElseThrow(),
                            secrets.resolve(participant(BANK).brokerPassword().orElseThrow()),
                            FunderQueues.queueOf(PEARL), json)) {
                        c.consumerOn(FunderQueues.queueOf(PEARL));
                        return Outcome.allowed("logged in as another funder");
                    } catch (JMSException e) {
                        return Outcome.refused(true, e.getClass().getSimpleName());
                    }
                });
    }

    // ------------------------------------------------------------------------------------------------------------
    // Cells.

    record Outcome(boolean allowed, boolean asExpected, String detail) {
        static Outcome allowed(String detail) {
            return new Outcome(true, true, detail);
        }

        static Outcome refused(boolean asExpected, String detail) {
            return new Outcome(false, asExpected, detail);
        }
    }

    @FunctionalInterface
    interface Attempt {
        Outcome run() throws Exception;
    }

    record Cell(String iface, Actor actor, String resource, boolean allow, Attempt attempt, boolean queued) {
        Cell(String iface, Actor actor, String resource, boolean allow, Attempt attempt) {
            this(iface, actor, resource, allow, attempt, false);
        }
    }

    /** Runs cells, checks that a refusal changed nothing, counts. */
    final class Matrix {
        final Map<String, EnumSet<Actor>> coverage = new TreeMap<>();
        final Map<String, int[]> byInterface = new TreeMap<>();
        final List<String> failures = new ArrayList<>();
        int tried;
        int refused;
        int allowed;
        int wronglyAllowed;
        int wronglyRefused;
        private Map<String, String> last;
        private boolean lastQueued;

        void run(Cell cell) {
            coverage.computeIfAbsent(cell.iface(), k -> EnumSet.noneOf(Actor.class)).add(cell.actor());
            int[] counts = byInterface.computeIfAbsent(cell.iface().replaceAll(" [A-Z_]+$", " <type>"),
                    k -> new int[3]);
            String name = cell.iface() + " | " + cell.actor() + " | " + cell.resource();
            // Refusals change nothing, so one refusal's "after" is the next one's "before" (taken again after an
            // allowed cell, or when the broker's error reports start or stop counting).
            Map<String, String> before = cell.allow() ? null
                    : last != null && lastQueued == cell.queued() ? last : snapshot(cell.queued());
            last = null;
            Outcome outcome;
            try {
                outcome = cell.attempt().run();
            } catch (Exception | AssertionError e) {
                outcome = Outcome.refused(false, "the attempt failed: " + e);
            }
            tried++;
            counts[0]++;
            if (outcome.allowed()) {
                allowed++;
                counts[2]++;
                if (!cell.allow()) {
                    wronglyAllowed++;
                    failures.add("WRONGLY ALLOWED " + name + ": " + outcome.detail());
                } else if (!outcome.asExpected()) {
                    wronglyAllowed++;
                    failures.add("SHOWED SOMEONE ELSE'S DATA " + name + ": " + outcome.detail());
                }
                return;
            }
            refused++;
            counts[1]++;
            if (cell.allow()) {
                wronglyRefused++;
                failures.add("WRONGLY REFUSED " + name + ": " + outcome.detail());
                return;
            }
            if (!outcome.asExpected()) {
                failures.add("REFUSED FOR ANOTHER REASON " + name + ": " + outcome.detail());
            }
            Map<String, String> after = snapshot(cell.queued());
            last = after;
            lastQueued = cell.queued();
            if (!after.equals(before)) {
                Set<String> changed = new TreeSet<>();
                after.forEach((k, v) -> {
                    if (!v.equals(before.get(k))) {
                        changed.add(k);
                    }
                });
                failures.add("REFUSED BUT CHANGED " + changed + " " + name + ": " + outcome.detail());
            }
        }

        void print(long millis) {
            System.out.println("AUTHZ MATRIX interface | tried | refused | allowed");
            byInterface.forEach((k, v) -> System.out.println("AUTHZ MATRIX " + k + " | " + v[0] + " | " + v[1] + " | "
                    + v[2]));
            failures.forEach(f -> System.out.println("AUTHZ MATRIX FAILURE " + f));
            System.out.println("AUTHZ MATRIX TOTAL cells=" + tried + " refused=" + refused + " allowed=" + allowed
                    + " wronglyAllowed=" + wronglyAllowed + " wronglyRefused=" + wronglyRefused + " failures="
                    + failures.size() + " interfaces=" + coverage.size() + " ms=" + millis);
        }
    }

    private void refuse(String iface, Actor actor, String resource, Attempt attempt) {
        matrix.run(new Cell(iface, actor, resource, false, attempt));
    }

    private void allowMessage(Actor actor, MessageType type, String resource, Object payload) {
        matrix.run(new Cell("REST POST /api/v1/messages " + type, actor, resource, true, () -> judge(
                postMessage(actor, envelope(actor.me, type, payload)), Set.of(), null)));
    }

    private void refuseMessage(Actor actor, MessageType type, String resource, String sender, Object payload,
                               Set<Integer> statuses, String field) {
        refuse("REST POST /api/v1/messages " + type, actor, resource, () -> judge(
                postMessage(actor, envelope(sender, type, payload)), statuses, field));
    }

    private void allowQueued(World w, MessageType type, String resource, Object payload) {
        matrix.run(new Cell("JMS hub.inbound " + type, Actor.FUNDER, resource, true,
                () -> queued(w, envelope(BANK, type, payload), null), true));
    }

    private void refuseQueued(World w, MessageType type, String resource, String sender, Object payload, String field) {
        matrix.run(new Cell("JMS hub.inbound " + type, Actor.FUNDER, resource, false,
                () -> queued(w, envelope(sender, type, payload), field), true));
    }

    /** A message a funder put on hub.inbound: taken (recorded) or answered with an error report naming the field. */
    private Outcome queued(World w, Envelope e, String field) throws Exception {
        w.bank.send(e);
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            if (taken(e.messageId())) {
                return Outcome.allowed("taken");
            }
            Optional<Envelope> m = w.bank.receive(Duration.ofMillis(100));
            if (m.isPresent() && m.get().type() == MessageType.ERROR_REPORT
                    && m.get().payload().path("refMessageId").asText().equals(e.messageId())) {
                List<String> fields = m.get().payload().path("errors").findValuesAsText("field");
                return Outcome.refused(field == null || fields.contains(field), "error report " + m.get().payload());
            }
        }
        return Outcome.refused(false, "neither taken nor answered within " + WAIT);
    }

    private boolean taken(String messageId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM inbound_message WHERE message_id = ?", Integer.class,
                messageId);
        return n != null && n > 0;
    }

    private void setUp(String sender, MessageType type, Object payload) throws Exception {
        HttpResponse<String> r = http().post("/api/v1/messages", apiKey(participant(sender)), "application/json",
                json.writeValueAsString(envelope(sender, type, payload)));
        assertThat(r.statusCode()).as("set-up %s by %s: %s", type, sender, r.body()).isEqualTo(202);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Interfaces.

    private String key(Actor a) {
        return switch (a) {
            case UNKNOWN -> UNKNOWN_KEY;
            case NONE -> null;
            default -> apiKey(participant(a.me));
        };
    }

    private HttpResponse<String> postMessage(Actor actor, Envelope e) throws Exception {
        return post("/api/v1/messages", actor, json.writeValueAsString(e), Map.of());
    }

    private HttpResponse<String> post(String path, Actor actor, String body, Map<String, String> headers)
            throws Exception {
        return send("POST", path, actor, body, headers);
    }

    private HttpResponse<String> get(String path, Actor actor, Map<String, String> headers) throws Exception {
        return send("GET", path, actor, null, headers);
    }

    private HttpResponse<String> send(String method, String path, Actor actor, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30));
        String key = key(actor);
        if (key != null) {
            request.header(CallerIdentityFilter.API_KEY, key);
        }
        headers.forEach(request::header);
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return httpClient.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** 2xx is allowed; a refusal is as expected when its status is one of those given and it names the field. */
    private Outcome judge(HttpResponse<String> r, Set<Integer> statuses, String field) {
        String detail = "HTTP " + r.statusCode() + " " + abbreviate(r.body());
        if (r.statusCode() < 300) {
            return Outcome.allowed(detail);
        }
        return Outcome.refused(statuses.contains(r.statusCode()) && (field == null || fields(r.body()).contains(field)),
                detail);
    }

    /** The daily feed answers 200 and lists each record it refused: allowed means records were taken. */
    private Outcome feedOutcome(HttpResponse<String> r, int expectedAccepted) throws IOException {
        if (r.statusCode() != 200) {
            return judge(r, Set.of(), null);
        }
        JsonNode result = json.readTree(r.body());
        int accepted = result.path("accepted").asInt();
        if (accepted > 0) {
            return new Outcome(true, accepted == expectedAccepted, "accepted " + accepted + ": " + abbreviate(r.body()));
        }
        return Outcome.refused(result.path("rejected").findValuesAsText("field").contains("debtorCode"),
                abbreviate(r.body()));
    }

    private List<String> fields(String body) {
        try {
            return json.readTree(body).path("errors").findValuesAsText("field");
        } catch (IOException e) {
            return List.of();
        }
    }

    private Outcome me(Actor a) throws Exception {
        HttpResponse<String> r = get("/api/v1/participants/me", a, Map.of(CallerIdentityFilter.CALLER, a.other));
        if (r.statusCode() != 200) {
            return judge(r, Set.of(), null);
        }
        String code = json.readTree(r.body()).path("code").asText();
        return new Outcome(true, code.equals(a.me), "answered as " + code);
    }

    @FunctionalInterface
    interface SoapCall {
        Ack call() throws Exception;
    }

    /** Accepted (or a duplicate) is allowed; a fault is a refusal, as expected when it says what was expected. */
    private static Outcome soap(SoapCall call, String expected) {
        try {
            Ack ack = call.call();
            return Outcome.allowed("ack " + ack.getStatus());
        } catch (Exception e) {
            StringBuilder chain = new StringBuilder();
            for (Throwable t = e; t != null && chain.length() < 4000; t = t.getCause() == t ? null : t.getCause()) {
                chain.append(t.getMessage()).append(" <- ");
            }
            String message = chain.toString();
            boolean ok = expected == null || message.contains(expected)
                    || (expected.equals("unauthenticated") && message.contains("401"));
            return Outcome.refused(ok, e.getClass().getSimpleName() + ": " + abbreviate(message));
        }
    }

    @FunctionalInterface
    interface JmsAction {
        void on(FunderClient client) throws Exception;
    }

    /** Logs in to the broker as the actor (a non-funder with its code and API key) and tries the action. */
    private Outcome jms(Actor a, JmsAction action) {
        String user;
        String password;
        if (a == Actor.FUNDER) {
            user = participant(BANK).brokerUser().orElseThrow();
            password = secrets.resolve(participant(BANK).brokerPassword().orElseThrow());
        } else if (a == Actor.UNKNOWN) {
            user = participant(BANK).brokerUser().orElseThrow();
            password = UNKNOWN_KEY;
        } else if (a == Actor.NONE) {
            user = null;
            password = null;
        } else {
            user = a.me;
            password = key(a);
        }
        try (FunderClient c = new FunderClient(brokerUrl(), user, password, FunderQueues.queueOf(BANK), json)) {
            action.on(c);
            return Outcome.allowed("done");
        } catch (JMSException e) {
            return Outcome.refused(e instanceof jakarta.jms.JMSSecurityException
                    || String.valueOf(e.getMessage()).contains("AMQ229031")
                    || String.valueOf(e.getMessage()).contains("AMQ229032")
                    || String.valueOf(e.getMessage()).toLowerCase().contains("security"),
                    e.getClass().getSimpleName() + ": " + abbreviate(String.valueOf(e.getMessage())));
        } catch (Exception e) {
            return Outcome.refused(false, e.toString());
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // State: what a refusal must leave alone.

    /**
     * Every table of the hub's database by content (the outbox and the ledger by rows other than error reports,
     * which a refusal on the broker writes to answer the funder; the outbox without delivery bookkeeping), the
     * error reports themselves unless the cell is on the broker, and the message counts of the other funders' queues.
     */
    private Map<String, String> snapshot(boolean queued) {
        Map<String, String> state = new TreeMap<>();
        List<String> tables = jdbc.queryForList("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'", String.class);
        for (String table : tables) {
            String t = table.toLowerCase();
            if (t.equals("flyway_schema_history")) {
                continue;
            }
            switch (t) {
                case "outbox" -> {
                    state.put(t, digest(jdbc.queryForList("SELECT id, message_id, receiver, type, status FROM outbox"
                            + " WHERE type <> 'ERROR_REPORT' ORDER BY id")));
                    if (!queued) {
                        state.put("outbox error reports", String.valueOf(jdbc.queryForObject(
                                "SELECT COUNT(*) FROM outbox WHERE type = 'ERROR_REPORT'", Long.class)));
                    }
                }
                case "ledger" -> state.put(t, String.valueOf(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM ledger WHERE type <> 'ERROR_REPORT'", Long.class)));
                default -> state.put(t, digest(jdbc.queryForList("SELECT * FROM " + table)));
            }
        }
        for (String funder : List.of(PEARL, HAIXI)) {
            Queue q = broker.getActiveMQServer().locateQueue(SimpleString.of(FunderQueues.queueOf(funder)));
            state.put("queue " + FunderQueues.queueOf(funder), String.valueOf(q == null ? -1 : q.getMessageCount()));
        }
        return state;
    }

    private static String digest(List<Map<String, Object>> rows) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            List<String> lines = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                StringBuilder line = new StringBuilder();
                row.forEach((k, v) -> line.append(k).append('=').append(v instanceof byte[] b
                        ? Base64.getEncoder().encodeToString(b) : v).append(';'));
                lines.add(line.toString());
            }
            lines.sort(null);
            lines.forEach(l -> md.update(l.getBytes(StandardCharsets.UTF_8)));
            return rows.size() + ":" + HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the relay has nothing left to deliver (and what partners answered has been taken in). */
    private void quiet() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM outbox WHERE status = 'PENDING'", Long.class) == 0
                && jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter", Long.class) > 0);
    }

    private static void drain(FunderClient client) throws JMSException {
        try (client) {
            while (client.receive(Duration.ofMillis(300)).isPresent()) {
                // what phase 1 sent the funder; phase 2 expects nothing but error reports
            }
        }
    }

    private static void drainKeepOpen(FunderClient client) throws JMSException {
        while (client.receive(Duration.ofMillis(300)).isPresent()) {
            // idem
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Messages.

    Envelope envelope(String sender, MessageType type, Object payload) {
        String id = UUID.randomUUID().toString();
        Envelope e = new Envelope(id, id, type, sender, List.of(), OffsetDateTime.now(), json.valueToTree(payload),
                null);
        return InboundSignatures.SIGNED.contains(type) && directory.byCode(sender).isPresent()
                ? signed(e, participant(sender)) : e;
    }

    static Payable payable(String creditor, String document, String amount, LocalDate issued) {
        return new Payable(CORE, creditor, document, new BigDecimal(amount), issued, issued.plusMonths(6), true, "CNY");
    }

    static ReceivableKey key(String creditor, String document) {
        return new ReceivableKey(creditor, CORE, document);
    }

    static BankAccount account(String name) {
        return new BankAccount("6222020200998877665", name, "Demo Bank");
    }

    static PledgeNotice notice(String noticeId, String funder, String supplier, String document, String amount) {
        return new PledgeNotice(noticeId, NoticeKind.PLEDGE, funder, supplier, CORE, List.of(key(supplier, document)),
                null, new BigDecimal(amount), account("Repayment"), OffsetDateTime.now());
    }

    AwardNotice award(String noticeId, String region, String supplier, String source) {
        return new AwardNotice(noticeId, "P-" + noticeId, "Office furniture", region, PROC, "Provincial Archives",
                region.startsWith("44") ? FINANCE_DEPT2 : FINANCE_DEPT, supplier, "Supplier",
                new BigDecimal("1000.00"), today, source);
    }

    Contract contract(String contractId, String noticeId, String region, String supplier, String financeDepartment) {
        return new Contract(contractId, noticeId, region, PROC, financeDepartment, supplier,
                new BigDecimal("1000000.00"), today, account("Supplier collection"),
                List.of(new PaymentPlanItem(today.plusMonths(3), new BigDecimal("1000000.00"))));
    }

    static SubmitPaymentInfo paymentInfo(String contractId) {
        SubmitPaymentInfo payment = new SubmitPaymentInfo();
        payment.setRequestId("pay-" + UUID.randomUUID());
        PaymentInfo info = new PaymentInfo();
        info.setPaymentId("PAY-" + UUID.randomUUID());
        info.setContractId(contractId);
        info.setAmount(new BigDecimal("10.00"));
        info.setPaidDate(LocalDate.now());
        payment.setPaymentInfo(info);
        return payment;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
