package com.receivableshub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.receivableshub.demo.ProcurementSoapClient;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.smoke.SmokeSamples;
import com.receivableshub.soap.procurement.Ack;
import com.receivableshub.soap.procurement.AckStatus;
import com.receivableshub.soap.procurement.ProcurementIntakePort;
import com.receivableshub.support.HubTestSupport;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.headers.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * WS-Security UsernameToken on the ProcurementIntake SOAP service, sent by a CXF client as a procurement system
 * would: username = its credit code, PasswordDigest of its adapter's {@code identity.soapPassword}, Nonce, Created.
 */
class UsernameTokenTest extends HubTestSupport {

    static final String SUPPLIER = "91350100M000100Y43";
    static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    JdbcTemplate jdbc;

    Participant procurement() {
        return first(ParticipantRole.PROCUREMENT_SYSTEM);
    }

    String soapPassword(Participant p) {
        return secrets.resolve(p.soapPassword().orElseThrow());
    }

    @Test
    void theRightTokenIsItsParticipant() {
        String id = "ut-" + UUID.randomUUID();
        Ack ack = call(token(procurement().code(), soapPassword(procurement()), OffsetDateTime.now()), null, id);
        assertThat(ack.getStatus()).isEqualTo(AckStatus.ACCEPTED);
        assertThat(jdbc.queryForObject("SELECT sender FROM inbound_message WHERE message_id = ?", String.class, id))
                .isEqualTo(procurement().code());
    }

    @Test
    void aWrongPasswordIsRefusedWithASoapFault() {
        String id = "ut-wrong-" + UUID.randomUUID();
        assertThatThrownBy(() -> call(token(procurement().code(), "not-the-password", OffsetDateTime.now()), null, id))
                .isInstanceOf(SOAPFaultException.class)
                .hasMessageContaining("UsernameToken of '" + procurement().code() + "' is not valid");
        assertThat(received(id)).isZero();
    }

    @Test
    void aTokenNamingAnotherParticipantNeedsThatParticipantsPassword() {
        // the procurement system's password under the supplier's name (which has no SOAP password) gets nowhere
        String id = "ut-other-" + UUID.randomUUID();
        assertThatThrownBy(() -> call(token(SUPPLIER, soapPassword(procurement()), OffsetDateTime.now()), null, id))
                .isInstanceOf(SOAPFaultException.class)
                .hasMessageContaining("UsernameToken of '" + SUPPLIER + "' is not valid");
        // a valid token together with someone else's API key: one call, one participant
        String mixed = "ut-mixed-" + UUID.randomUUID();
        assertThatThrownBy(() -> call(token(procurement().code(), soapPassword(procurement()), OffsetDateTime.now()),
                apiKey(participant(SUPPLIER)), mixed))
                .isInstanceOf(SOAPFaultException.class)
                .hasMessageContaining("the UsernameToken is " + procurement().code() + "'s but the caller's certificate "
                        + "or API key is " + SUPPLIER + "'s");
        assertThat(received(id) + received(mixed)).isZero();
    }

    @Test
    void aReplayedNonceIsRefused() {
        Element token = token(procurement().code(), soapPassword(procurement()), OffsetDateTime.now());
        String first = "ut-once-" + UUID.randomUUID();
        assertThat(call(token, null, first).getStatus()).isEqualTo(AckStatus.ACCEPTED);

        String replay = "ut-replay-" + UUID.randomUUID();
        assertThatThrownBy(() -> call(token, null, replay))
                .isInstanceOf(SOAPFaultException.class)
                .hasMessageContaining("Nonce was already used");
        assertThat(received(replay)).isZero();
    }

    @Test
    void staleTokensClearTextPasswordsAndNoTokenAreRefused() {
        String stale = "ut-stale-" + UUID.randomUUID();
        assertThatThrownBy(() -> call(token(procurement().code(), soapPassword(procurement()),
                OffsetDateTime.now().minus(Duration.ofMinutes(6))), null, stale))
                .isInstanceOf(SOAPFaultException.class)
                .hasMessageContaining("is more than PT5M away from the hub's time");

        String clear = "ut-clear-" + UUID.randomUUID();
        Element plain = token(procurement().code(), soapPassword(procurement()), OffsetDateTime.now());
        Element password = (Element) plain.getElementsByTagNameNS(UsernameTokenInterceptor.WSSE, "Password").item(0);
        password.setAttribute("Type", UsernameTokenInterceptor.PASSWORD_DIGEST.replace("PasswordDigest", "PasswordText"));
        password.setTextContent(soapPassword(procurement()));
        assertThatThrownBy(() -> call(plain, null, clear))
                .isInstanceOf(SOAPFaultException.class)
                .hasMessageContaining("must be of Type PasswordDigest");

        String none = "ut-none-" + UUID.randomUUID();
        assertThatThrownBy(() -> call(null, null, none))
                .rootCause().hasMessageContaining("401");
        assertThat(received(stale) + received(clear) + received(none)).isZero();
    }

    int received(String messageId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM inbound_message WHERE message_id = ?", Integer.class, messageId);
    }

    Ack call(Element security, String apiKey, String requestId) {
        ProcurementIntakePort port = ProcurementSoapClient.connect(baseUrl(), apiKey);
        Client client = ClientProxy.getClient(port);
        if (security != null) {
            client.getRequestContext().put(Header.HEADER_LIST,
                    List.of(new Header(UsernameTokenInterceptor.SECURITY, security)));
        }
        return port.submitAwardNotice(SmokeSamples.request(requestId, SmokeSamples.awardNotice(procurement(), requestId)));
    }

    /** wsse:Security with a UsernameToken: PasswordDigest = Base64(SHA-1(nonce + created + password)). */
    static Element token(String user, String password, OffsetDateTime when) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document doc = factory.newDocumentBuilder().newDocument();
            String wsse = UsernameTokenInterceptor.WSSE;
            String wsu = UsernameTokenInterceptor.WSU;
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            String created = when.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS).toString();
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(password.getBytes(StandardCharsets.UTF_8));

            Element security = doc.createElementNS(wsse, "wsse:Security");
            security.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:wsu", wsu);
            Element token = doc.createElementNS(wsse, "wsse:UsernameToken");
            security.appendChild(token);
            Element username = doc.createElementNS(wsse, "wsse:Username");
            username.setTextContent(user);
            Element pw = doc.createElementNS(wsse, "wsse:Password");
            pw.setAttribute("Type", UsernameTokenInterceptor.PASSWORD_DIGEST);
            pw.setTextContent(Base64.getEncoder().encodeToString(sha1.digest()));
            Element nonceElement = doc.createElementNS(wsse, "wsse:Nonce");
            nonceElement.setAttribute("EncodingType", "http://docs.oasis-open.org/wss/2004/01/"
                    + "oasis-200401-wss-soap-message-security-1.0#Base64Binary");
            nonceElement.setTextContent(Base64.getEncoder().encodeToString(nonce));
            Element createdElement = doc.createElementNS(wsu, "wsu:Created");
            createdElement.setTextContent(created);
            token.appendChild(username);
            token.appendChild(pw);
            token.appendChild(nonceElement);
            token.appendChild(createdElement);
            doc.appendChild(security);
            return security;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
