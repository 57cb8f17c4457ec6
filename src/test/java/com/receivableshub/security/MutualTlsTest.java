package com.receivableshub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.receivableshub.demo.HubClient;
import com.receivableshub.demo.ProcurementSoapClient;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.Ping;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.smoke.SmokeSamples;
import com.receivableshub.soap.procurement.Ack;
import com.receivableshub.soap.procurement.AckStatus;
import com.receivableshub.soap.procurement.ProcurementIntakePort;
import com.receivableshub.support.HubTestSupport;
import com.receivableshub.support.TlsClients;
import com.receivableshub.trust.TlsPki;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLHandshakeException;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.transport.http.HTTPConduit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Mutual TLS on REST and SOAP with real handshakes, as production runs it: HTTPS with client certificates wanted,
 * API keys off. The certificates come from the demo TLS authority; a certificate is accepted only if it is the very
 * one a participant registered, not merely one issued by a trusted CA for the right name.
 */
class MutualTlsTest extends HubTestSupport {

    static final String SUPPLIER = "91350100M000100Y43";
    static final String CORE = "91350100705432100M";

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) {
        registry.add("hub.tls.enabled", () -> true);
        registry.add("hub.tls.client-auth", () -> "want");
        registry.add("hub.security.api-keys", () -> false);
    }

    Path tlsDir() {
        return demoPki.tlsDir();
    }

    HubClient as(TlsPki.Issued client) {
        return new HubClient("https://127.0.0.1:" + httpPort, TlsClients.context(tlsDir(), client));
    }

    HubClient as(String code) {
        return as(TlsClients.registered(tlsDir(), code));
    }

    ProcurementIntakePort soapAs(TlsPki.Issued client) {
        ProcurementIntakePort port = ProcurementSoapClient.connect("https://127.0.0.1:" + httpPort, null);
        ((HTTPConduit) ClientProxy.getClient(port).getConduit()).setTlsClientParameters(TlsClients.cxf(tlsDir(), client));
        return port;
    }

    @Test
    void theRegisteredClientCertificateIsItsParticipant() throws Exception {
        HttpResponse<String> me = as(SUPPLIER).get("/api/v1/participants/me", null);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json.readTree(me.body()).path("code").asText()).isEqualTo(SUPPLIER);

        String id = UUID.randomUUID().toString();
        HttpResponse<String> sent = as(SUPPLIER).post("/api/v1/messages", null, "application/json", ping(id, SUPPLIER));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        assertThat(received(id)).isEqualTo(1);
    }

    @Test
    void aCertificateOfTheTrustedCaThatIsNotTheRegisteredOneIsRefused() throws Exception {
        // same CA, same name, same credit code as the supplier's registered certificate: still not it
        Participant supplier = participant(SUPPLIER);
        TlsPki.Issued lookalike = TlsPki.issueClient(tlsDir(), supplier.name(), SUPPLIER);
        String id = UUID.randomUUID().toString();

        HttpResponse<String> sent = as(lookalike).post("/api/v1/messages", null, "application/json", ping(id, SUPPLIER));

        assertThat(sent.statusCode()).isEqualTo(401);
        JsonNode error = json.readTree(sent.body()).path("errors").get(0);
        assertThat(error.path("field").asText()).isEqualTo("clientCertificate");
        assertThat(error.path("reason").asText()).contains("is not registered for any participant")
                .contains("SERIALNUMBER=" + SUPPLIER);
        assertThat(received(id)).isZero();
    }

    @Test
    void anotherParticipantsCertificateCannotActAsThisOne() throws Exception {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> sent = as(CORE).post("/api/v1/messages", null, "application/json", ping(id, SUPPLIER));

        assertThat(sent.statusCode()).isEqualTo(403);
        assertThat(sent.body()).contains("'" + SUPPLIER + "' is not the caller '" + CORE + "'");
        assertThat(received(id)).isZero();
    }

    @Test
    void withApiKeysOffNoCertificateMeansNoEntryAndAKeyIsNoSubstitute() throws Exception {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> none = as((TlsPki.Issued) null).post("/api/v1/messages", null, "application/json",
                ping(id, SUPPLIER));
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("no client certificate");

        HttpResponse<String> keyed = as((TlsPki.Issued) null).post("/api/v1/messages",
                apiKey(participant(SUPPLIER)), "application/json", ping(id, SUPPLIER));
        assertThat(keyed.statusCode()).isEqualTo(401);
        assertThat(keyed.body()).contains("API keys are not accepted");
        assertThat(received(id)).isZero();
    }

    @Test
    void plainHttpIsNotServed() throws Exception {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> plain = http().post("/api/v1/messages", null, "application/json", ping(id, SUPPLIER));
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(plain.body()).contains("TLS");
        assertThat(received(id)).isZero();
    }

    @Test
    void aServerThatIsNotTheHubsIsNotTrusted() {
        // a client that trusts only another CA refuses the handshake: the hub's certificate is checked too
        Path otherCa = tempDir("other-ca");
        TlsPki.authority(otherCa);
        HubClient client = new HubClient("https://127.0.0.1:" + httpPort,
                TlsClients.context(otherCa, TlsClients.registered(tlsDir(), SUPPLIER)));
        assertThatThrownBy(() -> client.get("/api/v1/participants/me", null)).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void soapTakesTheRegisteredCertificateAndRefusesOthers() {
        Participant procurement = first(ParticipantRole.PROCUREMENT_SYSTEM);
        String requestId = "mtls-" + UUID.randomUUID();
        Ack ack = soapAs(TlsClients.registered(tlsDir(), procurement.code()))
                .submitAwardNotice(SmokeSamples.request(requestId, SmokeSamples.awardNotice(procurement, requestId)));
        assertThat(ack.getStatus()).isEqualTo(AckStatus.ACCEPTED);
        assertThat(received(requestId)).isEqualTo(1);

        String unknown = "mtls-unknown-" + UUID.randomUUID();
        TlsPki.Issued lookalike = TlsPki.issueClient(tlsDir(), procurement.name(), procurement.code());
        assertThatThrownBy(() -> soapAs(lookalike).submitAwardNotice(
                SmokeSamples.request(unknown, SmokeSamples.awardNotice(procurement, unknown))))
                .rootCause().hasMessageContaining("401");

        // the supplier's own certificate makes the call the supplier's, which may not announce awards
        String foreign = "mtls-foreign-" + UUID.randomUUID();
        assertThatThrownBy(() -> soapAs(TlsClients.registered(tlsDir(), SUPPLIER)).submitAwardNotice(
                SmokeSamples.request(foreign, SmokeSamples.awardNotice(procurement, foreign))))
                .isInstanceOf(SOAPFaultException.class);

        String anonymous = "mtls-none-" + UUID.randomUUID();
        assertThatThrownBy(() -> soapAs(null).submitAwardNotice(
                SmokeSamples.request(anonymous, SmokeSamples.awardNotice(procurement, anonymous))))
                .rootCause().hasMessageContaining("401");
        assertThat(received(unknown) + received(foreign) + received(anonymous)).isZero();
    }

    int received(String messageId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM inbound_message WHERE message_id = ?", Integer.class, messageId);
    }

    String ping(String id, String sender) throws Exception {
        return json.writeValueAsString(new Envelope(id, id, MessageType.PING, sender, List.of(), OffsetDateTime.now(),
                json.valueToTree(new Ping("hi")), null));
    }
}
