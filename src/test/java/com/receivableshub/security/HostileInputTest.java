package com.receivableshub.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.receivableshub.demo.FunderClient;
import com.receivableshub.model.AwardHistoryQuery;
import com.receivableshub.model.BankAccount;
import com.receivableshub.model.CreditLineApproval;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.FinancingMode;
import com.receivableshub.model.FinancingRelationship;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.NoticeKind;
import com.receivableshub.model.PledgeNotice;
import com.receivableshub.model.ReceivableKey;
import com.receivableshub.model.RelationshipStatus;
import com.receivableshub.participant.FunderQueues;
import com.receivableshub.participant.Participant;
import com.receivableshub.procurement.FeedPoller;
import com.receivableshub.smoke.SmokeSamples;
import com.receivableshub.support.HostileTally;
import com.receivableshub.support.HubTestSupport;
import com.receivableshub.support.Partners;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Hostile input through every interface where it applies (REST, SOAP, ERP files, the broker's inbound address, the
 * procurement feed): each one gets a clear error naming the field or limit, and changes nothing (no stored record, no
 * ledger entry, no outbox row beyond the error report a broker sender is answered with). The limits are set low here
 * (hub.limits.*) to show they are configurable and to keep the test fast. Every input tried is counted by family.
 */
class HostileInputTest extends HubTestSupport {

    static final String CORE = "91350100705432100M";
    static final String SUPPLIER = "91350100M000100Y43";
    static final String BANK = "91350200123456700W";
    static final String PROCUREMENT = "11350000003123400M";
    static final Path ERP_ROOT = tempDir("hostile-erp");
    static final Partners PARTNERS = new Partners();
    static final HostileTally TALLY = new HostileTally();
    static final int LIMIT = 64 * 1024;
    /**
     * Every table a message can change. Dead letters come only from outbox rows, which are counted, so earlier
     * legitimate deliveries failing meanwhile cannot disturb the comparison.
     */
    static final List<String> STATE = List.of("inbound_message", "financing_claim", "payable",
            "adjustment", "payment", "collection_account", "financing_relationship", "credit_line", "authorisation",
            "financing_request", "pledge_notice", "trade", "award_notice", "procurement_contract",
            "procurement_payment", "financing_application", "repayment_account", "account_lock", "feed_watermark",
            "funder_backlog");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    FeedPoller feedPoller;

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) {
        PARTNERS.register(registry);
        registry.add("hub.erp-files.root", ERP_ROOT::toString);
        registry.add("hub.erp-files.poll-ms", () -> 100);
        for (String key : List.of("rest-body", "soap-body", "broker-message", "erp-file", "feed-page")) {
            registry.add("hub.limits." + key, () -> "64KB");
        }
        registry.add("hub.limits.json-depth", () -> 32);
        registry.add("hub.limits.xml-depth", () -> 32);
    }

    @AfterAll
    static void report() {
        PARTNERS.stop();
        System.out.println(TALLY.report());
        assertThat(TALLY.accepted()).as("hostile inputs the hub took").isZero();
    }

    // ---------------------------------------------------------------------------------------------------------
    // XXE, external DTDs, entity expansion

    @Test
    void xmlWithEntitiesOrADoctypeIsRefusedOverSoapWithoutFetchingAnything() throws Exception {
        String ext = PARTNERS.url() + "/xxe";
        PARTNERS.server().stubFor(any(urlPathMatching("/xxe.*")).willReturn(aResponse().withBody("<!ENTITY x 'y'>")));
        Map<String, String> doctypes = new LinkedHashMap<>();
        doctypes.put("file-entity", "<!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>");
        doctypes.put("http-entity", "<!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM \"" + ext + "/entity\">]>");
        doctypes.put("parameter-entity", "<!DOCTYPE soap:Envelope [<!ENTITY % p SYSTEM \"" + ext
                + "/param.dtd\"> %p; <!ENTITY xxe \"x\">]>");
        doctypes.put("external-dtd", "<!DOCTYPE soap:Envelope SYSTEM \"" + ext + "/external.dtd\">");
        doctypes.put("billion-laughs", billionLaughs());
        for (Map.Entry<String, String> d : doctypes.entrySet()) {
            String title = d.getKey().equals("external-dtd") ? "plain" : d.getKey().equals("billion-laughs")
                    ? "&lol9;" : "&xxe;";
            String xml = "<?xml version=\"1.0\"?>" + d.getValue() + awardNoticeXml("XXE-" + UUID.randomUUID(),
                    "AW-" + UUID.randomUUID(), title, "1000.00");
            TALLY.attempt(d.getKey().equals("billion-laughs") ? "entity-expansion" : "xxe", () -> {
                Map<String, Long> before = snapshot();
                long started = System.nanoTime();
                HttpResponse<String> response = soap(xml);
                long ms = (System.nanoTime() - started) / 1_000_000;
                assertThat(response.statusCode()).as(d.getKey()).isEqualTo(500);
                assertThat(response.body()).as(d.getKey()).contains("Fault").containsIgnoringCase("DTD")
                        .doesNotContain("root:");
                assertThat(ms).as(d.getKey() + " refused fast").isLessThan(2000);
                assertUnchanged(before);
            });
        }
        PARTNERS.server().verify(0, anyRequestedFor(urlPathMatching("/xxe.*")));
    }

    @Test
    void xmlWhereJsonIsExpectedIsRefusedOverRestTheBrokerAndTheFeed() throws Exception {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY xxe SYSTEM \"" + PARTNERS.url()
                + "/xxe/json\">]><e>&xxe;</e>";
        TALLY.attempt("xxe", () -> {
            Map<String, Long> before = snapshot();
            HttpResponse<String> r = http().post("/api/v1/messages", apiKey(participant(SUPPLIER)),
                    "application/xml", xxe);
            assertThat(r.statusCode()).as("the REST interface takes JSON only").isEqualTo(415);
            assertUnchanged(before);
        });
        TALLY.attempt("xxe", () -> {
            Map<String, Long> before = snapshot();
            HttpResponse<String> r = http().post("/api/v1/messages", apiKey(participant(SUPPLIER)),
                    "application/json", xxe);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(error(r).path("reason").asText()).startsWith("is not valid JSON");
            assertUnchanged(before);
        });
        TALLY.attempt("xxe", () -> {
            Map<String, Long> before = snapshot();
            JsonNode error = brokerRefusal(xxe);
            assertThat(error.path("field").asText()).isEqualTo("body");
            assertThat(error.path("reason").asText()).startsWith("is not valid JSON");
            assertUnchanged(before);
        });
        TALLY.attempt("xxe", () -> assertFeedPageRefused(xxe, "is not valid JSON"));
        TALLY.attempt("entity-expansion", () -> assertFeedPageRefused("<?xml version=\"1.0\"?>" + billionLaughs()
                + "<r>&lol9;</r>", "is not valid JSON"));
        PARTNERS.server().verify(0, anyRequestedFor(urlPathMatching("/xxe.*")));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Signature wrapping: the hub verifies the payload it processes, and nothing else travels beside it

    @Test
    void signedContentCannotBeWrappedDuplicatedOrMovedOnTheBroker() throws Exception {
        Participant bank = participant(BANK);
        Envelope signedA = signed(notice("PN-" + UUID.randomUUID(), "100.00"), bank);
        Envelope signedB = signed(notice("PN-" + UUID.randomUUID(), "200.00"), bank);
        String a = json.writeValueAsString(signedA);
        String altered = json.writeValueAsString(notice(signedA.messageId(), "999999.00").payload());

        Map<String, String> attacks = new LinkedHashMap<>();
        // the signature covers the first amount, a lenient reader would take the second
        attacks.put("duplicate payload key", a.replace("\"payload\":{", "\"payload\":{\"amount\":999999.00,"));
        attacks.put("duplicate envelope key", a.replace("{\"messageId\"", "{\"payload\":" + altered
                + ",\"messageId\""));
        attacks.put("signature moved onto other content", json.writeValueAsString(
                notice(signedA.messageId(), "999999.00").withSignature(signedA.signature())));
        attacks.put("signature of another message", json.writeValueAsString(
                signedA.withSignature(signedB.signature())));
        attacks.put("extra wrapper field beside the payload", a.replace("\"payload\":{", "\"signedPayload\":"
                + json.writeValueAsString(signedA.payload()) + ",\"payload\":{"));
        attacks.put("signed content inside the signature", a.replace("\"signature\":{", "\"signature\":{\"content\":"
                + json.writeValueAsString(signedA.payload()) + ","));
        ObjectNode wrapped = json.createObjectNode();
        wrapped.set("notice", signedA.payload());
        attacks.put("payload wrapped in another object", json.writeValueAsString(new Envelope(signedA.messageId(),
                null, MessageType.PLEDGE_NOTICE, BANK, List.of(), OffsetDateTime.now(), wrapped,
                signedA.signature())));
        attacks.put("payload as an array of signed and altered", a.replace("\"payload\":{", "\"payload\":[" + altered
                + ",{").replace(",\"signature\":{", "],\"signature\":{"));
        for (Map.Entry<String, String> attack : attacks.entrySet()) {
            assertThat(attack.getValue()).as(attack.getKey()).isNotEqualTo(a);
            TALLY.attempt("signature-wrapping", () -> {
                Map<String, Long> before = snapshot();
                JsonNode error = brokerRefusal(attack.getValue());
                assertThat(error.path("reason").asText()).as(attack.getKey()).isNotBlank();
                assertUnchanged(before);
            });
        }
    }

    @Test
    void signedContentCannotBeWrappedDuplicatedOrMovedOverRest() throws Exception {
        Participant core = participant(CORE);
        Envelope signedA = signed(approval(UUID.randomUUID().toString(), "CL-" + UUID.randomUUID(), false), core);
        Envelope signedB = signed(approval(UUID.randomUUID().toString(), "CL-" + UUID.randomUUID(), false), core);
        String a = json.writeValueAsString(signedA);
        Map<String, String[]> attacks = new LinkedHashMap<>();
        attacks.put("duplicate payload key", new String[] {a.replace("\"payload\":{", "\"payload\":{\"approved\":true,"),
                "400", "Duplicate field 'approved'"});
        attacks.put("signature moved onto other content", new String[] {json.writeValueAsString(
                approval(signedA.messageId(), signedA.payload().path("creditLineId").asText(), true)
                        .withSignature(signedA.signature())), "403", "does not match"});
        attacks.put("signature of another message", new String[] {json.writeValueAsString(
                signedA.withSignature(signedB.signature())), "403", "does not match"});
        attacks.put("extra wrapper field beside the payload", new String[] {a.replace("\"payload\":{",
                "\"signedPayload\":" + json.writeValueAsString(signedA.payload()) + ",\"payload\":{"), "400",
                "is not a field of the envelope"});
        for (Map.Entry<String, String[]> attack : attacks.entrySet()) {
            TALLY.attempt("signature-wrapping", () -> {
                Map<String, Long> before = snapshot();
                HttpResponse<String> r = http().post("/api/v1/messages", apiKey(core), "application/json",
                        attack.getValue()[0]);
                assertThat(r.statusCode()).as(attack.getKey()).isEqualTo(Integer.parseInt(attack.getValue()[1]));
                assertThat(error(r).path("reason").asText()).as(attack.getKey()).contains(attack.getValue()[2]);
                assertUnchanged(before);
            });
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Oversized bodies and files

    @Test
    void oversizedBodiesAreRefusedWithTheLimitNamed() throws Exception {
        String padding = "x".repeat(LIMIT + 1000);
        String big = json.writeValueAsString(relationship(UUID.randomUUID().toString())).replace("\"payload\":{",
                "\"payload\":{\"padding\":\"" + padding + "\",");
        TALLY.attempt("oversized", () -> {
            Map<String, Long> before = snapshot();
            HttpResponse<String> r = http().post("/api/v1/messages", apiKey(participant(SUPPLIER)),
                    "application/json", big);
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(error(r).path("reason").asText()).contains("over the limit of 65536 bytes (hub.limits.rest-body)");
            assertUnchanged(before);
        });
        TALLY.attempt("oversized", () -> {
            Map<String, Long> before = snapshot();
            HttpResponse<String> r = chunked("/api/v1/feed", apiKey(participant(CORE)), "application/json", big);
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(error(r).path("reason").asText()).contains("is more than 65536 bytes")
                    .contains("hub.limits.rest-body");
            assertUnchanged(before);
        });
        String bigSoap = awardNoticeXml("BIG-" + UUID.randomUUID(), "AW-" + UUID.randomUUID(), padding, "1000.00");
        TALLY.attempt("oversized", () -> {
            Map<String, Long> before = snapshot();
            HttpResponse<String> r = soap(bigSoap);
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(r.body()).contains("<faultcode>soap:Client</faultcode>").contains("hub.limits.soap-body");
            assertUnchanged(before);
        });
        TALLY.attempt("oversized", () -> {
            Map<String, Long> before = snapshot();
            HttpResponse<String> r = chunked("/services/procurement", apiKey(participant(PROCUREMENT)),
                    "text/xml; charset=UTF-8", bigSoap);
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(r.body()).contains("hub.limits.soap-body");
            assertUnchanged(before);
        });
        TALLY.attempt("oversized", () -> {
            Map<String, Long> before = snapshot();
            JsonNode error = brokerRefusal(big);
            assertThat(error.path("field").asText()).isEqualTo("body");
            assertThat(error.path("reason").asText()).contains("hub.limits.broker-message");
            assertUnchanged(before);
        });
        TALLY.attempt("oversized", () -> assertFeedPageRefused("{\"releases\":[],\"padding\":\"" + padding + "\"}",
                "hub.limits.feed-page"));
        TALLY.attempt("oversized", () -> {
            Map<String, Long> before = snapshot();
            StringBuilder csv = new StringBuilder("供应商统一社会信用代码,单据号,金额,开票日期,到期日,确权状态\r\n");
            for (int i = 0; csv.length() < LIMIT; i++) {
                csv.append(SUPPLIER).append(",BIG-").append(i).append(",1.00,20261101,20270501,已确权\r\n");
            }
            List<String> answer = dropErpFile("payables-big.csv", csv.toString().getBytes(Charset.forName("GBK")));
            assertThat(answer).anySatisfy(l -> assertThat(l).startsWith("0,,").contains("over the limit of 65536 bytes")
                    .contains("hub.limits.erp-file"));
            assertThat(answer).contains(",accepted,0");
            assertUnchanged(before);
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Deep nesting

    @Test
    void deepNestingIsRefusedWithTheLimitNamed() throws Exception {
        String deep = "{\"a\":".repeat(200) + "1" + "}".repeat(200);
        String envelope = json.writeValueAsString(relationship(UUID.randomUUID().toString()))
                .replace("\"payload\":{", "\"payload\":{\"deep\":" + deep + ",");
        TALLY.attempt("deep-nesting", () -> {
            Map<String, Long> before = snapshot();
            HttpResponse<String> r = http().post("/api/v1/messages", apiKey(participant(SUPPLIER)),
                    "application/json", envelope);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(error(r).path("reason").asText())
                    .isEqualTo("is nested deeper than the limit of 32 levels (hub.limits.json-depth)");
            assertUnchanged(before);
        });
        TALLY.attempt("deep-nesting", () -> {
            Map<String, Long> before = snapshot();
            HttpResponse<String> r = http().post("/api/v1/feed", apiKey(participant(CORE)), "application/json",
                    "{\"batchId\":\"B-deep\",\"coreEnterpriseCode\":\"" + CORE + "\",\"payables\":["
                            + "[".repeat(200) + "]".repeat(200) + "]}");
            // a batch is bound record by record, so the first level that is not a record stops the read
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(error(r).path("field").asText()).isEqualTo("payables[0]");
            assertThat(error(r).path("reason").asText()).isEqualTo("must be an object");
            assertUnchanged(before);
        });
        TALLY.attempt("deep-nesting", () -> {
            Map<String, Long> before = snapshot();
            assertThat(brokerRefusal(envelope).path("reason").asText())
                    .isEqualTo("is nested deeper than the limit of 32 levels (hub.limits.json-depth)");
            assertUnchanged(before);
        });
        TALLY.attempt("deep-nesting", () -> assertFeedPageRefused("{\"releases\":" + deep + "}",
                "hub.limits.json-depth"));
        TALLY.attempt("deep-nesting", () -> {
            Map<String, Long> before = snapshot();
            String nested = "<soap:Header>" + "<x>".repeat(100) + "</x>".repeat(100) + "</soap:Header>";
            String xml = awardNoticeXml("DEEP-" + UUID.randomUUID(), "AW-" + UUID.randomUUID(), "T", "1000.00")
                    .replace("<soap:Body>", nested + "<soap:Body>");
            HttpResponse<String> r = soap(xml);
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.body()).contains("Fault").containsIgnoringCase("depth");
            assertUnchanged(before);
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Malformed CSV: line-specific errors, good lines through

    @Test
    void malformedCsvLinesAreNamedAndTheGoodLinesGoThrough() throws Exception {
        Charset gbk = Charset.forName("GBK");
        String doc = "HOST-" + UUID.randomUUID().toString().substring(0, 8);
        ByteArrayOutputStream payables = new ByteArrayOutputStream();
        payables.writeBytes("供应商统一社会信用代码,单据号,金额,开票日期,到期日,确权状态\r\n".getBytes(gbk));
        payables.writeBytes((SUPPLIER + "," + doc + "-good,10.00,20261101,20270501,已确权\r\n").getBytes(gbk));
        payables.writeBytes((SUPPLIER + "," + doc + "-cols,10.00,20261101\r\n").getBytes(gbk));
        payables.writeBytes((SUPPLIER + "," + doc + "-amount,12.345,20261101,20270501,已确权\r\n").getBytes(gbk));
        payables.writeBytes((SUPPLIER + "," + doc + "-text,ten,20261101,20270501,已确权\r\n").getBytes(gbk));
        payables.writeBytes((SUPPLIER + "," + doc + "-date,10.00,20261331,20270501,已确权\r\n").getBytes(gbk));
        payables.writeBytes(("91350100M000100Y44," + doc + "-code,10.00,20261101,20270501,已确权\r\n").getBytes(gbk));
        payables.writeBytes((SUPPLIER + "," + doc + "-bytes,10.00,20261101,20270501,").getBytes(gbk));
        payables.writeBytes(new byte[] {(byte) 0x81, (byte) 0x20, (byte) 0xFF, '\r', '\n'});
        payables.writeBytes(("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>&e;\r\n").getBytes(gbk));
        Map<Integer, String> expected = Map.of(3, "", 4, "amount", 5, "amount", 6, "issueDate", 7, "creditorCode",
                8, "", 9, "");
        long payablesBefore = count("payable");
        List<String> answer = dropErpFile("payables-hostile.csv", payables.toByteArray());
        for (Map.Entry<Integer, String> e : expected.entrySet()) {
            TALLY.attempt("malformed-csv", () -> assertThat(answer).as("line " + e.getKey())
                    .anySatisfy(l -> assertThat(l).startsWith(e.getKey() + "," + e.getValue() + ",")
                            .matches(e.getKey() + "," + e.getValue() + ",.{10,}")));
        }
        assertThat(answer).contains(",accepted,1", ",rejected,7");
        assertThat(count("payable") - payablesBefore).as("only the good line is stored").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM payable WHERE document_number LIKE ?", Long.class,
                doc + "-%")).isEqualTo(1);

        // A UTF-8 layout given GBK bytes: that line is named, the good one goes through.
        String account = "62220210" + (System.nanoTime() % 100000000L);
        byte[] utf8Line = ("913501002611234009,厦门办公用品有限公司," + account + ",中国工商银行厦门分行,20250401,\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] gbkLine = ("91350100M000100Y43,闽江零部件有限公司," + account + "9,中国建设银行福州分行,20250401,\n").getBytes(gbk);
        ByteArrayOutputStream accounts = new ByteArrayOutputStream();
        accounts.writeBytes(utf8Line);
        accounts.writeBytes(gbkLine);
        List<String> accountsAnswer = dropErpFile("collection-accounts-hostile.csv", accounts.toByteArray());
        TALLY.attempt("malformed-csv", () -> assertThat(accountsAnswer).anySatisfy(l -> assertThat(l)
                .startsWith("2,,").containsIgnoringCase("UTF-8")));
        assertThat(accountsAnswer).contains(",accepted,1", ",rejected,1");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Unknown enum values

    @Test
    void unknownEnumValuesGetAFieldSpecificError() throws Exception {
        String relationship = json.writeValueAsString(relationship(UUID.randomUUID().toString()));
        TALLY.attempt("unknown-enum", () -> {
            Map<String, Long> before = snapshot();
            HttpResponse<String> r = http().post("/api/v1/messages", apiKey(participant(SUPPLIER)),
                    "application/json", relationship.replace("\"mode\":\"SINGLE\"", "\"mode\":\"TRIPLE\""));
            assertThat(r.statusCode()).isEqualTo(422);
            assertThat(error(r).path("field").asText()).isEqualTo("payload.mode");
            assertThat(error(r).path("reason").asText()).contains("'TRIPLE' is not one of [POOL, SINGLE]");
            assertUnchanged(before);
        });
        TALLY.attempt("unknown-enum", () -> {
            Map<String, Long> before = snapshot();
            HttpResponse<String> r = http().post("/api/v1/messages", apiKey(participant(SUPPLIER)),
                    "application/json", relationship.replace("\"type\":\"FINANCING_RELATIONSHIP\"",
                            "\"type\":\"FINANCING_RELATIONSHIP_V2\""));
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(error(r).path("field").asText()).isEqualTo("type");
            assertThat(error(r).path("reason").asText()).contains("FINANCING_RELATIONSHIP_V2");
            assertUnchanged(before);
        });
        TALLY.attempt("unknown-enum", () -> {
            Map<String, Long> before = snapshot();
            String sent = json.writeValueAsString(notice("PN-" + UUID.randomUUID(), "100.00"))
                    .replace("\"kind\":\"PLEDGE\"", "\"kind\":\"MORTGAGE\"");
            JsonNode error = brokerRefusal(sent);
            assertThat(error.path("field").asText()).isEqualTo("payload.kind");
            assertThat(error.path("reason").asText()).contains("'MORTGAGE' is not one of [PLEDGE, TRANSFER]");
            assertUnchanged(before);
        });
        // The SOAP request contract has no enumerations; a value outside an element's type, or an element the
        // contract does not have, is the same mistake and gets a fault naming the element.
        TALLY.attempt("unknown-enum", () -> {
            Map<String, Long> before = snapshot();
            String xml = awardNoticeXml("ENUM-" + UUID.randomUUID(), "AW-" + UUID.randomUUID(), "T", "1000.00")
                    .replace("<p:awardDate>", "<p:status>WITHDRAWN</p:status><p:awardDate>");
            HttpResponse<String> r = soap(xml);
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.body()).contains("Fault").contains("status");
            assertUnchanged(before);
        });
        TALLY.attempt("unknown-enum", () -> {
            Map<String, Long> before = snapshot();
            HttpResponse<String> r = soap(awardNoticeXml("ENUM-" + UUID.randomUUID(), "AW-" + UUID.randomUUID(), "T",
                    "-5.00"));
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.body()).contains("Fault").contains("-5.00");
            assertUnchanged(before);
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Replayed message ids

    @Test
    void aReplayedIdIsADuplicateWithTheSameContentAndRefusedWithOther() throws Exception {
        // REST
        Envelope first = relationship(UUID.randomUUID().toString());
        HttpResponse<String> accepted = http().post("/api/v1/messages", apiKey(participant(SUPPLIER)),
                "application/json", json.writeValueAsString(first));
        assertThat(accepted.statusCode()).isEqualTo(202);
        TALLY.attempt("replay", () -> {
            Map<String, Long> before = snapshot();
            Envelope again = new Envelope(first.messageId(), null, first.type(), first.sender(), first.receivers(),
                    first.time().plusMinutes(5), first.payload(), null);
            HttpResponse<String> r = http().post("/api/v1/messages", apiKey(participant(SUPPLIER)),
                    "application/json", json.writeValueAsString(again));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(json.readTree(r.body()).path("status").asText()).isEqualTo("DUPLICATE");
            assertUnchanged(before);
        });
        TALLY.attempt("replay", () -> {
            Map<String, Long> before = snapshot();
            ObjectNode other = first.payload().deepCopy();
            other.put("mode", "POOL");
            Envelope changed = new Envelope(first.messageId(), null, first.type(), first.sender(), List.of(),
                    first.time(), other, null);
            HttpResponse<String> r = http().post("/api/v1/messages", apiKey(participant(SUPPLIER)),
                    "application/json", json.writeValueAsString(changed));
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(error(r).path("field").asText()).isEqualTo("messageId");
            assertThat(error(r).path("reason").asText()).contains("already taken with other content");
            assertUnchanged(before);
        });

        // SOAP: the request id is the message id
        String requestId = "R-" + UUID.randomUUID();
        String notice = "AW-" + UUID.randomUUID();
        HttpResponse<String> taken = soap(awardNoticeXml(requestId, notice, "T", "1000.00"));
        assertThat(taken.body()).contains("ACCEPTED");
        TALLY.attempt("replay", () -> {
            Map<String, Long> before = snapshot();
            HttpResponse<String> r = soap(awardNoticeXml(requestId, notice, "T", "1000.00"));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("DUPLICATE");
            assertUnchanged(before);
        });
        TALLY.attempt("replay", () -> {
            Map<String, Long> before = snapshot();
            HttpResponse<String> r = soap(awardNoticeXml(requestId, notice, "T", "999999.00"));
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.body()).contains("messageId: '" + requestId + "' was already taken with other content");
            assertUnchanged(before);
        });

        // Broker
        String queryId = "Q-" + UUID.randomUUID();
        Envelope query = historyQuery(queryId, LocalDate.of(2026, 1, 1));
        Envelope otherQuery = new Envelope(query.messageId(), null, query.type(), BANK, List.of(), query.time(),
                historyQuery(queryId, LocalDate.of(2026, 6, 1)).payload(), null);
        try (FunderClient bank = funderClient(participant(BANK))) {
            bank.send(query);
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                    "SELECT COUNT(*) FROM inbound_message WHERE message_id = ?", Long.class, query.messageId()) == 1);
        }
        TALLY.attempt("replay", () -> {
            Map<String, Long> before = snapshot();
            try (FunderClient bank = funderClient(participant(BANK))) {
                bank.send(query);
                // the same message again: taken as a duplicate, no answer and no change
                await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2))
                        .until(() -> snapshot().equals(before));
            }
        });
        TALLY.attempt("replay", () -> {
            Map<String, Long> before = snapshot();
            JsonNode error = brokerRefusal(json.writeValueAsString(otherQuery));
            assertThat(error.path("field").asText()).isEqualTo("messageId");
            assertThat(error.path("reason").asText()).contains("already taken with other content");
            assertUnchanged(before);
        });
    }

    @Test
    void aFeedReleasePublishedAgainUnderTheSameIdsWithOtherContentChangesNothing() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String awardId = "AW-HOSTILE-" + tag;
        OffsetDateTime date = OffsetDateTime.parse("2026-11-20T10:00:00+08:00");
        JsonNode release = SmokeSamples.ocdsRelease(json, "ocds-hostile-" + tag, awardId, "CT-" + tag,
                "913501002611234009", date);
        assertThat(pollFeedWith(release)).isEqualTo(2);
        assertThat(awardAmount(awardId)).isEqualByComparingTo("650000.00");

        ObjectNode changed = release.deepCopy();
        changed.put("date", date.plusMinutes(1).toString());
        ((ObjectNode) changed.path("awards").get(0).path("value")).put("amount", new BigDecimal("999999.00"));
        TALLY.attempt("replay", () -> {
            Map<String, Long> before = snapshot();
            assertThat(pollFeedWith(changed)).as("records taken").isZero();
            assertUnchanged(before);
            assertThat(awardAmount(awardId)).isEqualByComparingTo("650000.00");
        });
    }

    long pollFeedWith(JsonNode release) throws Exception {
        ObjectNode page = json.createObjectNode();
        page.put("version", "1.1");
        page.putArray("releases").add(release);
        StubMapping stub = PARTNERS.server().stubFor(get(urlPathEqualTo("/procurement/ocds")).atPriority(1)
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(json.writeValueAsString(page))));
        try {
            return feedPoller.poll(participant(PROCUREMENT));
        } finally {
            PARTNERS.server().removeStub(stub);
        }
    }

    BigDecimal awardAmount(String noticeId) {
        return jdbc.queryForObject("SELECT amount FROM award_notice WHERE notice_id = ?", BigDecimal.class, noticeId);
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers

    Envelope notice(String id, String amount) {
        PledgeNotice n = new PledgeNotice(id, NoticeKind.PLEDGE, BANK, SUPPLIER, CORE,
                List.of(new ReceivableKey(SUPPLIER, CORE, "FP-" + id)), null, new BigDecimal(amount),
                new BankAccount("6222020200998877665", "Repayment", "Demo Bank"), OffsetDateTime.now());
        return new Envelope(id, id, MessageType.PLEDGE_NOTICE, BANK, List.of(), OffsetDateTime.now(),
                json.valueToTree(n), null);
    }

    Envelope historyQuery(String queryId, LocalDate from) {
        return new Envelope("M-" + queryId, null, MessageType.AWARD_HISTORY_QUERY, BANK, List.of(),
                OffsetDateTime.now(), json.valueToTree(new AwardHistoryQuery(queryId, BANK, "913501002611234009",
                from)), null);
    }

    Envelope approval(String id, String creditLine, boolean approved) {
        return new Envelope(id, null, MessageType.CREDIT_LINE_APPROVAL, CORE, List.of(), OffsetDateTime.now(),
                json.valueToTree(new CreditLineApproval(creditLine, CORE, approved, approved ? null : "no")), null);
    }

    Envelope relationship(String id) {
        return new Envelope(id, null, MessageType.FINANCING_RELATIONSHIP, SUPPLIER, List.of(), OffsetDateTime.now(),
                json.valueToTree(new FinancingRelationship("REL-" + id, SUPPLIER, CORE, BANK, FinancingMode.SINGLE,
                        RelationshipStatus.ACTIVE)), null);
    }

    static String awardNoticeXml(String requestId, String noticeId, String title, String amount) {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:p=\"urn:receivables-hub:procurement:v1\"><soap:Body><p:submitAwardNotice>"
                + "<p:requestId>" + requestId + "</p:requestId><p:awardNotice>"
                + "<p:noticeId>" + noticeId + "</p:noticeId><p:projectId>FJ-HOSTILE</p:projectId>"
                + "<p:title>" + title + "</p:title><p:region>350000</p:region>"
                + "<p:buyerCode>11350000003123400M</p:buyerCode><p:buyerName>Fujian Provincial Archives</p:buyerName>"
                + "<p:financeDepartmentCode>11350000003123400M</p:financeDepartmentCode>"
                + "<p:supplierCode>913501002611234009</p:supplierCode><p:supplierName>Xiamen Office</p:supplierName>"
                + "<p:amount>" + amount + "</p:amount><p:awardDate>2026-11-01</p:awardDate>"
                + "</p:awardNotice></p:submitAwardNotice></soap:Body></soap:Envelope>";
    }

    static String billionLaughs() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE soap:Envelope [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10))
                    .append("\">");
        }
        return dtd.append("]>").toString();
    }

    HttpResponse<String> soap(String xml) throws IOException, InterruptedException {
        return http().post("/services/procurement", apiKey(participant(PROCUREMENT)), "text/xml; charset=UTF-8", xml);
    }

    /** A POST whose body is streamed without a Content-Length (chunked). */
    HttpResponse<String> chunked(String path, String apiKey, String contentType, String body)
            throws IOException, InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).header("X-Api-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    JsonNode error(HttpResponse<String> response) throws IOException {
        JsonNode errors = json.readTree(response.body()).path("errors");
        assertThat(errors).as(response.body()).isNotEmpty();
        return errors.get(0);
    }

    /** Sends raw text to the inbound address as the demo bank and returns the first error of the report it gets. */
    JsonNode brokerRefusal(String text) throws Exception {
        try (FunderClient bank = funderClient(participant(BANK))) {
            bank.sendText(FunderQueues.INBOUND, text);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline) {
                Envelope e = bank.receive(Duration.ofSeconds(1)).orElse(null);
                if (e != null && e.type() == MessageType.ERROR_REPORT) {
                    JsonNode errors = e.payload().path("errors");
                    assertThat(errors).isNotEmpty();
                    return errors.get(0);
                }
            }
            throw new AssertionError("no error report for a message the hub must refuse");
        }
    }

    /** Serves the feed page once, polls, and checks the poll is refused with the reason and nothing changed. */
    void assertFeedPageRefused(String page, String reason) {
        StubMapping stub = PARTNERS.server().stubFor(get(urlPathEqualTo("/procurement/ocds")).atPriority(1)
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page)));
        try {
            Map<String, Long> before = snapshot();
            List<Map<String, Object>> watermark = jdbc.queryForList("SELECT * FROM feed_watermark");
            assertThatThrownBy(() -> feedPoller.poll(participant(PROCUREMENT)))
                    .isInstanceOf(IOException.class).hasMessageContaining(reason);
            assertUnchanged(before);
            assertThat(jdbc.queryForList("SELECT * FROM feed_watermark")).isEqualTo(watermark);
        } finally {
            PARTNERS.server().removeStub(stub);
        }
    }

    /** Drops a file with its done-marker into the core enterprise's inbox and returns the lines of its answer. */
    List<String> dropErpFile(String name, byte[] content) throws IOException {
        Path inbox = Files.createDirectories(ERP_ROOT.resolve(CORE).resolve("inbox"));
        Files.write(inbox.resolve(name), content);
        Files.writeString(inbox.resolve(name + ".done"), "");
        Path result = ERP_ROOT.resolve(CORE).resolve("outbox").resolve(name + ".result.csv");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(result));
        return Files.readAllLines(result, StandardCharsets.UTF_8);
    }

    /** Row counts of every state table, and of the ledger and outbox apart from error reports to senders. */
    Map<String, Long> snapshot() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : STATE) {
            counts.put(table, count(table));
        }
        counts.put("ledger", jdbc.queryForObject("SELECT COUNT(*) FROM ledger WHERE type <> 'ERROR_REPORT'",
                Long.class));
        counts.put("outbox", jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE type <> 'ERROR_REPORT'",
                Long.class));
        return counts;
    }

    void assertUnchanged(Map<String, Long> before) {
        assertThat(snapshot()).as("nothing changed").isEqualTo(before);
    }

    long count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }
}
