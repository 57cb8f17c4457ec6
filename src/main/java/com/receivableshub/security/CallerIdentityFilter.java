package com.receivableshub.security;

import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.security.auth.x500.X500Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every REST and SOAP call must say who it is: a TLS client certificate registered in an adapter file
 * ({@code identity.clientCertificate}, compared by the SHA-256 fingerprint of the whole certificate, not by name),
 * or the participant's API key in {@value #API_KEY} (unless API keys are turned off), or, on SOAP only, a
 * WS-Security UsernameToken that {@link UsernameTokenInterceptor} checks. The participant's credit code is then
 * passed on in {@value #CALLER} (whatever the client put there is dropped). An unknown certificate or key gets 401,
 * a certificate and a key of two different participants 403, and the call goes no further. Contract documents
 * (the OpenAPI document, WSDLs) are public. Secrets are never logged or echoed.
 */
public final class CallerIdentityFilter extends OncePerRequestFilter {

    public static final String API_KEY = "X-Api-Key";
    public static final String CALLER = "X-Hub-Caller";
    private static final java.util.Map<String, String> SUBJECT_KEYWORDS = java.util.Map.of("2.5.4.5", "SERIALNUMBER");
    private static final Logger LOG = LoggerFactory.getLogger(CallerIdentityFilter.class);

    private final ParticipantDirectory directory;
    private final boolean apiKeys;
    private final boolean soapUsernameToken;

    public CallerIdentityFilter(ParticipantDirectory directory) {
        this(directory, true, false);
    }

    /**
     * @param apiKeys           whether {@value #API_KEY} is accepted
     * @param soapUsernameToken whether a SOAP call without certificate or key goes on to the UsernameToken check
     */
    public CallerIdentityFilter(ParticipantDirectory directory, boolean apiKeys, boolean soapUsernameToken) {
        this.directory = directory;
        this.apiKeys = apiKeys;
        this.soapUsernameToken = soapUsernameToken;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean contract = "GET".equals(request.getMethod())
                && (path.equals("/api/v1/openapi.yaml") || (path.startsWith("/services/") && isWsdlQuery(request)));
        return contract || !(path.startsWith("/api/") || path.startsWith("/services/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Participant byCertificate = null;
        Object certs = request.getAttribute("jakarta.servlet.request.X509Certificate");
        if (certs instanceof X509Certificate[] presented && presented.length > 0) {
            byCertificate = directory.byClientCertificate(presented[0]).orElse(null);
            if (byCertificate == null) {
                refuse(request, response, 401, "clientCertificate", "the client certificate '"
                        + presented[0].getSubjectX500Principal().getName(X500Principal.RFC2253, SUBJECT_KEYWORDS) + "' (SHA-256 "
                        + ParticipantDirectory.certificateFingerprint(presented[0])
                        + ") is not registered for any participant");
                return;
            }
        }
        Participant byKey = null;
        String apiKey = request.getHeader(API_KEY);
        if (apiKey != null && !apiKey.isBlank()) {
            if (!apiKeys) {
                refuse(request, response, 401, API_KEY, "API keys are not accepted by this hub; call with the TLS "
                        + "client certificate registered for your participant");
                return;
            }
            byKey = directory.byApiKey(apiKey).orElse(null);
            if (byKey == null) {
                refuse(request, response, 401, API_KEY, "the API key is not any participant's");
                return;
            }
            if (byCertificate != null && !byCertificate.code().equals(byKey.code())) {
                refuse(request, response, 403, API_KEY, "the client certificate is " + byCertificate.code()
                        + "'s but the API key is " + byKey.code() + "'s; a call is made by one participant");
                return;
            }
        }
        Participant caller = byCertificate != null ? byCertificate : byKey;
        if (caller == null) {
            if (soapUsernameToken && isSoap(request)) {
                // no transport identity: the SOAP call must carry a UsernameToken, checked by UsernameTokenInterceptor
                chain.doFilter(new CallerRequest(request, null), response);
                return;
            }
            refuse(request, response, 401, apiKeys ? API_KEY : "clientCertificate", apiKeys
                    ? "no API key or client certificate"
                    : "no client certificate: this hub accepts only the TLS client certificate registered for your participant");
            return;
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable("sender", caller.code())) {
            chain.doFilter(new CallerRequest(request, caller.code()), response);
        }
    }

    private static boolean isSoap(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/services/");
    }

    private static boolean isWsdlQuery(HttpServletRequest request) {
        String q = request.getQueryString();
        return q != null && (q.equalsIgnoreCase("wsdl") || q.toLowerCase().startsWith("wsdl="));
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String field,
                               String reason) throws IOException {
        LOG.warn("refused {} {} from {}: {}", request.getMethod(), request.getRequestURI(), request.getRemoteAddr(),
                reason);
        response.setStatus(status);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String error = status == 401 ? "unauthenticated" : "forbidden";
        if (isSoap(request)) {
            response.setContentType("text/xml");
            response.getWriter().write("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                    + "<soap:Body><soap:Fault><faultcode>soap:Client</faultcode>"
                    + "<faultstring>" + error + ": " + xml(reason) + "</faultstring>"
                    + "</soap:Fault></soap:Body></soap:Envelope>");
        } else {
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"" + error + "\",\"errors\":[{\"field\":\"" + field
                    + "\",\"reason\":\"" + json(reason) + "\"}]}");
        }
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /**
     * The request as the rest of the hub sees it: with the authenticated caller (or none, for a SOAP call left to
     * its UsernameToken), no forged caller header and no API key to be copied into a log or a message.
     */
    private static final class CallerRequest extends HttpServletRequestWrapper {
        private final String code;

        CallerRequest(HttpServletRequest request, String code) {
            super(request);
            this.code = code;
        }

        @Override
        public String getHeader(String name) {
            if (API_KEY.equalsIgnoreCase(name)) {
                return null;
            }
            return CALLER.equalsIgnoreCase(name) ? code : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (API_KEY.equalsIgnoreCase(name) || (CALLER.equalsIgnoreCase(name) && code == null)) {
                return Collections.emptyEnumeration();
            }
            return CALLER.equalsIgnoreCase(name) ? Collections.enumeration(List.of(code)) : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
                String n = e.nextElement();
                if (!CALLER.equalsIgnoreCase(n) && !API_KEY.equalsIgnoreCase(n)) {
                    names.add(n);
                }
            }
            if (code != null) {
                names.add(CALLER);
            }
            return Collections.enumeration(names);
        }
    }
}
