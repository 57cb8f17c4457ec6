package com.receivableshub.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.receivableshub.participant.Certificates;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.participant.RetryPolicy;
import com.receivableshub.participant.SecretRef;
import com.receivableshub.participant.SecretResolver;
import com.receivableshub.participant.SignatureAlgorithm;
import com.receivableshub.support.HubTestSupport;
import com.receivableshub.trust.TlsPki;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The caller check on its own: which combinations of client certificate, API key and forged caller header make
 * which caller, and which are refused with what.
 */
class CallerIdentityFilterTest {

    static final String A = "91350100M000100Y43";
    static final String B = "913501002611234009";
    static final Path TLS = HubTestSupport.tempDir("filter-tls");
    static final Map<String, String> ENV = Map.of("KEY_A", "key-of-a", "KEY_B", "key-of-b", "SOAP_A", "soap-of-a",
            "SOAP_B", "soap-of-b");
    static final ParticipantDirectory DIRECTORY = new ParticipantDirectory(List.of(participant(A), participant(B)),
            new SecretResolver(ENV::get, TLS, false));

    static Participant participant(String code) {
        TlsPki.ensureClient(TLS, "participant " + code, code);
        String n = code.equals(A) ? "A" : "B";
        return new Participant(Path.of(n + ".yaml"), code, "participant " + code, Set.of(ParticipantRole.SUPPLIER),
                List.of("350100"), Optional.of(new SecretRef(SecretRef.Kind.ENV, "KEY_" + n)),
                Optional.of(TlsPki.clientCertificateFile(TLS, code)), Optional.empty(), Optional.empty(),
                Optional.of(new SecretRef(SecretRef.Kind.ENV, "SOAP_" + n)), Map.of(), Optional.empty(),
                SignatureAlgorithm.SM2, Map.of(), RetryPolicy.DEFAULT, Map.of());
    }

    static X509Certificate cert(String code) {
        return Certificates.readPem(TlsPki.clientCertificateFile(TLS, code));
    }

    record Outcome(MockHttpServletResponse response, String caller, boolean passed) {
    }

    Outcome call(String path, X509Certificate cert, String apiKey, boolean apiKeys, String forgedCaller) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        if (cert != null) {
            request.setAttribute("jakarta.servlet.request.X509Certificate", new X509Certificate[]{cert});
        }
        if (apiKey != null) {
            request.addHeader(CallerIdentityFilter.API_KEY, apiKey);
        }
        if (forgedCaller != null) {
            request.addHeader(CallerIdentityFilter.CALLER, forgedCaller);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<HttpServletRequest> seen = new AtomicReference<>();
        MockFilterChain chain = new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
                seen.set((HttpServletRequest) req);
            }
        };
        new CallerIdentityFilter(DIRECTORY, apiKeys, true).doFilter(request, response, chain);
        HttpServletRequest passed = seen.get();
        return new Outcome(response, passed == null ? null : passed.getHeader(CallerIdentityFilter.CALLER),
                passed != null);
    }

    @Test
    void aRegisteredCertificateIsItsParticipantWhateverTheClientClaims() throws Exception {
        Outcome o = call("/api/v1/messages", cert(A), null, false, B);
        assertThat(o.passed()).isTrue();
        assertThat(o.caller()).isEqualTo(A);
    }

    @Test
    void aCertificateAndAKeyOfTwoParticipantsAreRefused() throws Exception {
        Outcome o = call("/api/v1/messages", cert(A), "key-of-b", true, null);
        assertThat(o.passed()).isFalse();
        assertThat(o.response().getStatus()).isEqualTo(403);
        assertThat(o.response().getContentAsString(StandardCharsets.UTF_8))
                .contains("the client certificate is " + A + "'s but the API key is " + B + "'s")
                .doesNotContain("key-of-b");

        Outcome same = call("/api/v1/messages", cert(A), "key-of-a", true, null);
        assertThat(same.caller()).isEqualTo(A);
    }

    @Test
    void anUnknownCertificateIsRefusedEvenWithARightKey() throws Exception {
        X509Certificate other = TlsPki.issueClient(TLS, "participant " + A, A).certificate();
        Outcome o = call("/api/v1/messages", other, "key-of-a", true, null);
        assertThat(o.passed()).isFalse();
        assertThat(o.response().getStatus()).isEqualTo(401);
        assertThat(o.response().getContentAsString(StandardCharsets.UTF_8)).contains("not registered");
    }

    @Test
    void apiKeysWorkUntilTurnedOff() throws Exception {
        assertThat(call("/api/v1/messages", null, "key-of-b", true, A).caller()).isEqualTo(B);
        Outcome off = call("/api/v1/messages", null, "key-of-b", false, null);
        assertThat(off.passed()).isFalse();
        assertThat(off.response().getStatus()).isEqualTo(401);
        assertThat(off.response().getContentAsString(StandardCharsets.UTF_8)).contains("API keys are not accepted");
        Outcome wrong = call("/api/v1/messages", null, "key-of-c", true, null);
        assertThat(wrong.response().getStatus()).isEqualTo(401);
        assertThat(wrong.response().getContentAsString(StandardCharsets.UTF_8)).doesNotContain("key-of-c");
    }

    @Test
    void aSoapCallWithoutCredentialsGoesOnWithoutACallerForItsUsernameToken() throws Exception {
        Outcome soap = call("/services/procurement", null, null, false, A);
        assertThat(soap.passed()).isTrue();
        assertThat(soap.caller()).as("a forged caller header is dropped").isNull();
        Outcome rest = call("/api/v1/messages", null, null, true, A);
        assertThat(rest.passed()).isFalse();
        assertThat(rest.response().getStatus()).isEqualTo(401);
    }

    @Test
    void aSoapDigestNeedsTheNamedParticipantsOwnPassword() throws Exception {
        byte[] nonce = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        String created = "2026-11-30T00:00:00Z";
        assertThat(DIRECTORY.authenticateSoapDigest(A, nonce, created, digest(nonce, created, "soap-of-a")))
                .map(Participant::code).contains(A);
        assertThat(DIRECTORY.authenticateSoapDigest(B, nonce, created, digest(nonce, created, "soap-of-a")))
                .as("A's password under B's name").isEmpty();
        assertThat(DIRECTORY.authenticateSoapDigest(A, nonce, "2026-11-30T00:00:01Z", digest(nonce, created, "soap-of-a")))
                .as("another Created than the digest's").isEmpty();
    }

    static byte[] digest(byte[] nonce, String created, String password) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(nonce);
        sha1.update(created.getBytes(StandardCharsets.UTF_8));
        sha1.update(password.getBytes(StandardCharsets.UTF_8));
        return sha1.digest();
    }
}
