package com.receivableshub.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.receivableshub.demo.FunderClient;
import com.receivableshub.demo.HubClient;
import com.receivableshub.demo.ProcurementSoapClient;
import com.receivableshub.model.Authorisation;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.Ping;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.smoke.SmokeSamples;
import com.receivableshub.soap.procurement.ProcurementIntakePort;
import com.receivableshub.support.HubTestSupport;
import com.receivableshub.support.Partners;
import com.receivableshub.support.TlsClients;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.headers.Header;
import org.apache.cxf.transport.http.HTTPConduit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * No secret the hub holds appears in what it prints or answers. The hub runs with TLS (so key store passwords are
 * in play) and API keys; everything it prints from before start-up on is captured; traffic includes a wrong API
 * key, refused SOAP calls (wrong UsernameToken password, no credentials, a role that may not send), refused broker
 * logins and a partner that refuses a delivery. Then no API key, broker or SOAP password, key store password or
 * private key line may be found in the output or in any answer.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayOutOfLogsTest extends HubTestSupport {

    static final String SUPPLIER = "91350100M000100Y43";
    static final String CORE = "91350100705432100M";
    static final String BANK = "91350200123456700W";
    static final Partners PARTNERS = new Partners();

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void setUp(DynamicPropertyRegistry registry) {
        PARTNERS.register(registry);
        registry.add("hub.tls.enabled", () -> true);
        registry.add("hub.tls.client-auth", () -> "want");
    }

    @AfterAll
    static void stopPartners() {
        PARTNERS.stop();
    }

    @Test
    void noSecretAppearsInLogsOrAnswers(CapturedOutput output) throws Exception {
        List<String> answers = new ArrayList<>();
        HubClient https = new HubClient("https://127.0.0.1:" + httpPort, TlsClients.context(demoPki.tlsDir(), null));
        Participant supplier = participant(SUPPLIER);
        Participant procurement = first(ParticipantRole.PROCUREMENT_SYSTEM);

        // a wrong API key, one that is almost right, and a right one
        String key = apiKey(supplier);
        answers.add(https.post("/api/v1/messages", "wrong-" + key, "application/json", ping(SUPPLIER)).body());
        answers.add(https.post("/api/v1/messages", key.substring(1), "application/json", ping(SUPPLIER)).body());
        answers.add(https.post("/api/v1/messages", key, "application/json", ping(CORE)).body());
        answers.add(https.post("/api/v1/messages", key, "application/json", ping(SUPPLIER)).body());

        // SOAP: a UsernameToken with a wrong password, one with the password in clear text, no credentials,
        // a caller whose role may not send awards
        String soapPassword = secrets.resolve(procurement.soapPassword().orElseThrow());
        answers.add(soapFault(soap(null), UsernameTokenTest.token(procurement.code(), soapPassword + "x",
                OffsetDateTime.now()), procurement));
        var clear = UsernameTokenTest.token(procurement.code(), soapPassword, OffsetDateTime.now());
        var password = (org.w3c.dom.Element) clear.getElementsByTagNameNS(UsernameTokenInterceptor.WSSE, "Password").item(0);
        password.setAttribute("Type", "PasswordText");
        password.setTextContent(soapPassword);
        answers.add(soapFault(soap(null), clear, procurement));
        answers.add(soapFault(soap(null), null, procurement));
        answers.add(soapFault(soap(key), null, procurement));

        // the broker: a wrong password, and another funder's password
        Participant bank = participant(BANK);
        for (String pw : List.of("wrong", secrets.resolve(participant("91310100666677700N").brokerPassword().orElseThrow()))) {
            try (FunderClient ignored = new FunderClient(brokerUrl(), bank.brokerUser().orElseThrow(), pw,
                    bank.queue(), json)) {
                answers.add("unexpectedly logged in");
            } catch (Exception e) {
                answers.add(stackTrace(e));
            }
        }

        // a partner that refuses a delivery: it ends as a dead letter whose reason and body operators can read
        PARTNERS.server().stubFor(post(urlEqualTo("/erp/authorisations")).willReturn(aResponse().withStatus(400)
                .withBody("unknown supplier")));
        String authorisationId = "AUTH-leak-" + UUID.randomUUID();
        Envelope authorisation = new Envelope(UUID.randomUUID().toString(), null, MessageType.AUTHORISATION, SUPPLIER,
                List.of(), OffsetDateTime.now(), json.valueToTree(new Authorisation(authorisationId, SUPPLIER, CORE,
                BANK, LocalDate.now().minusYears(1), LocalDate.now().plusYears(1))), null);
        assertThat(https.post("/api/v1/messages", key, "application/json", json.writeValueAsString(authorisation))
                .statusCode()).isEqualTo(202);
        String operatorKey = apiKey(first(ParticipantRole.OPERATOR));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM dead_letter", Integer.class) > 0);
        HttpResponse<String> letters = https.get("/api/v1/operator/dead-letters", operatorKey);
        assertThat(letters.body()).contains("unknown supplier");
        answers.add(letters.body());
        answers.add(https.get("/actuator/health", null).body());

        Map<String, String> secretValues = secretValues();
        assertThat(secretValues).as("the secrets looked for").containsKeys("secrets/tls-key-store.password",
                "secrets/tls-trust-store.password", "secrets/procurement-fujian.soap-password");
        assertThat(secretValues.size()).isGreaterThan(30);
        String printed = output.getAll();
        assertThat(printed).contains("refused"); // the refusals were logged
        secretValues.forEach((where, value) -> {
            assertThat(printed).as("the log holds the secret of " + where).doesNotContain(value);
            for (String answer : answers) {
                assertThat(answer).as("an answer holds the secret of " + where).doesNotContain(value);
            }
        });
        System.out.println("SECRETS checked=" + secretValues.size() + " log-lines=" + printed.lines().count()
                + " answers=" + answers.size() + " found=0");
    }

    /** Every secret file's value, and every line of every private key, by where it comes from. */
    Map<String, String> secretValues() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        Path data = hub.dataPath();
        try (Stream<Path> files = Files.walk(data.resolve("secrets"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String value = Files.readString(f).trim();
                if (!value.isEmpty()) {
                    values.put(data.relativize(f).toString(), value);
                }
            }
        }
        try (Stream<Path> files = Files.walk(data.resolve("pki"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".key.pem")).toList()) {
                List<String> lines = Files.readAllLines(f).stream().filter(l -> !l.startsWith("-----")).toList();
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).length() >= 16) {
                        values.put(data.relativize(f) + " line " + (i + 2), lines.get(i));
                    }
                }
            }
        }
        return values;
    }

    ProcurementIntakePort soap(String apiKey) {
        ProcurementIntakePort port = ProcurementSoapClient.connect("https://127.0.0.1:" + httpPort, apiKey);
        ((HTTPConduit) ClientProxy.getClient(port).getConduit())
                .setTlsClientParameters(TlsClients.cxf(demoPki.tlsDir(), null));
        return port;
    }

    String soapFault(ProcurementIntakePort port, org.w3c.dom.Element security, Participant procurement) {
        if (security != null) {
            ClientProxy.getClient(port).getRequestContext().put(Header.HEADER_LIST,
                    List.of(new Header(UsernameTokenInterceptor.SECURITY, security)));
        }
        String id = "leak-" + UUID.randomUUID();
        try {
            port.submitAwardNotice(SmokeSamples.request(id, SmokeSamples.awardNotice(procurement, id)));
            return "unexpectedly accepted";
        } catch (RuntimeException e) {
            return stackTrace(e);
        }
    }

    static String stackTrace(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    String ping(String sender) throws Exception {
        String id = UUID.randomUUID().toString();
        return json.writeValueAsString(new Envelope(id, id, MessageType.PING, sender, List.of(), OffsetDateTime.now(),
                json.valueToTree(new Ping("hi")), null));
    }
}
