package com.receivableshub.security;

import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.headers.Header;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * WS-Security UsernameToken (OASIS UsernameToken Profile 1.1) on the hub's SOAP services. The username is the
 * participant's credit code; the password, its adapter's {@code identity.soapPassword}, travels only as a
 * {@code PasswordDigest} = Base64(SHA-1(nonce + created + password)) with a {@code Nonce} and a {@code Created}
 * within {@code hub.security.username-token-max-age} of now; a nonce is accepted once (remembered for that long),
 * so a replayed token is refused. {@code PasswordText} is refused. A call that {@link CallerIdentityFilter} already
 * identified (client certificate, API key) needs no token; if it carries one, it must be the same participant's.
 * A call with neither is refused with HTTP 401. Other refusals are SOAP client faults (HTTP 500, as SOAP 1.1 has
 * it) that say why, without echoing any secret.
 */
public final class UsernameTokenInterceptor extends AbstractSoapInterceptor {

    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    static final String PASSWORD_DIGEST =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
    static final QName SECURITY = new QName(WSSE, "Security");
    private static final QName CLIENT = new QName("http://schemas.xmlsoap.org/soap/envelope/", "Client");
    private static final Logger LOG = LoggerFactory.getLogger(UsernameTokenInterceptor.class);

    private final ParticipantDirectory directory;
    private final boolean enabled;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, Instant> seenNonces = new ConcurrentHashMap<>();

    public UsernameTokenInterceptor(ParticipantDirectory directory, boolean enabled, Duration maxAge, Clock clock) {
        super(Phase.PRE_PROTOCOL);
        this.directory = directory;
        this.enabled = enabled;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public Set<QName> getUnderstoodHeaders() {
        return Set.of(SECURITY);
    }

    @Override
    public void handleMessage(SoapMessage message) {
        Map<String, List<String>> headers = protocolHeaders(message);
        List<String> callerHeader = headers.get(CallerIdentityFilter.CALLER);
        String transportCaller = callerHeader == null || callerHeader.isEmpty() ? null : callerHeader.get(0);
        Element security = securityHeader(message);
        if (security == null) {
            if (transportCaller == null) {
                SoapFault fault = refuse("unauthenticated: no API key, client certificate or WS-Security UsernameToken");
                fault.setStatusCode(401); // nothing to check at all, as the HTTP filter answers a REST call
                throw fault;
            }
            return;
        }
        Element token = child(security, WSSE, "UsernameToken");
        if (token == null) {
            if (transportCaller == null) {
                throw refuse("unauthenticated: the wsse:Security header has no UsernameToken");
            }
            return;
        }
        if (!enabled) {
            throw refuse("unauthenticated: WS-Security UsernameTokens are not accepted by this hub "
                    + "(hub.security.username-token is off)");
        }
        Participant participant = authenticate(token);
        if (transportCaller != null && !transportCaller.equals(participant.code())) {
            throw refuse("forbidden: the UsernameToken is " + participant.code() + "'s but the caller's certificate "
                    + "or API key is " + transportCaller + "'s");
        }
        headers.put(CallerIdentityFilter.CALLER, List.of(participant.code()));
    }

    private Participant authenticate(Element token) {
        String user = text(child(token, WSSE, "Username"));
        Element password = child(token, WSSE, "Password");
        if (user == null || user.isBlank()) {
            throw refuse("unauthenticated: UsernameToken/Username is missing");
        }
        if (password == null) {
            throw refuse("unauthenticated: UsernameToken/Password is missing");
        }
        if (!PASSWORD_DIGEST.equals(password.getAttribute("Type"))) {
            throw refuse("unauthenticated: UsernameToken/Password must be of Type PasswordDigest (with Nonce and "
                    + "Created); a password in clear text is not accepted");
        }
        String nonceText = text(child(token, WSSE, "Nonce"));
        String created = text(child(token, WSU, "Created"));
        if (nonceText == null || created == null) {
            throw refuse("unauthenticated: UsernameToken/" + (nonceText == null ? "Nonce" : "Created")
                    + " is missing; a PasswordDigest needs both");
        }
        Instant now = clock.instant();
        Instant createdAt;
        byte[] nonce;
        byte[] digest;
        try {
            createdAt = OffsetDateTime.parse(created).toInstant();
            nonce = Base64.getMimeDecoder().decode(nonceText);
            digest = Base64.getMimeDecoder().decode(text(password));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw refuse("unauthenticated: UsernameToken/Created is not an ISO-8601 time or Nonce/Password is not "
                    + "Base64");
        }
        if (createdAt.isBefore(now.minus(maxAge)) || createdAt.isAfter(now.plus(maxAge))) {
            throw refuse("unauthenticated: UsernameToken/Created '" + created + "' is more than " + maxAge
                    + " away from the hub's time " + now);
        }
        Optional<Participant> participant = directory.authenticateSoapDigest(user, nonce, created, digest);
        if (participant.isEmpty()) {
            throw refuse("unauthenticated: the UsernameToken of '" + user + "' is not valid (unknown username, no "
                    + "SOAP password registered, or wrong password)");
        }
        forgetOldNonces(now);
        String key = user + ":" + Base64.getEncoder().encodeToString(nonce);
        if (seenNonces.putIfAbsent(key, createdAt.plus(maxAge)) != null) {
            throw refuse("unauthenticated: the UsernameToken's Nonce was already used (a replayed token)");
        }
        return participant.get();
    }

    private void forgetOldNonces(Instant now) {
        if (seenNonces.size() > 1000) {
            seenNonces.values().removeIf(until -> until.isBefore(now.minus(maxAge)));
        }
    }

    private static SoapFault refuse(String reason) {
        LOG.warn("SOAP call refused: {}", reason);
        SoapFault fault = new SoapFault(reason, CLIENT);
        return fault;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> protocolHeaders(SoapMessage message) {
        Map<String, List<String>> headers = (Map<String, List<String>>) message.get(Message.PROTOCOL_HEADERS);
        if (headers == null) {
            headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            message.put(Message.PROTOCOL_HEADERS, headers);
        }
        return headers;
    }

    private static Element securityHeader(SoapMessage message) {
        for (Header header : message.getHeaders()) {
            if (SECURITY.equals(header.getName()) && header.getObject() instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    private static Element child(Element parent, String ns, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element element) {
        return element == null ? null : element.getTextContent().trim();
    }
}
