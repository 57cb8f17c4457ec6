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
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every REST and SOAP call must say who it is: a TLS client certificate registered in an adapter file, or the
 * participant's API key in {@value #API_KEY}. The participant's credit code is then passed on in
 * {@value #CALLER} (whatever the client put there is dropped). Unknown callers get 401 and go no further.
 * Contract documents (the OpenAPI document, WSDLs) are public.
 */
public final class CallerIdentityFilter extends OncePerRequestFilter {

    public static final String API_KEY = "X-Api-Key";
    public static final String CALLER = "X-Hub-Caller";
    private static final Logger LOG = LoggerFactory.getLogger(CallerIdentityFilter.class);

    private final ParticipantDirectory directory;

    public CallerIdentityFilter(ParticipantDirectory directory) {
        this.directory = directory;
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
        Optional<Participant> caller = identify(request);
        if (caller.isEmpty()) {
            LOG.warn("refused {} {} from {}: no valid API key or client certificate", request.getMethod(),
                    request.getRequestURI(), request.getRemoteAddr());
            refuse(request, response);
            return;
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable("sender", caller.get().code())) {
            chain.doFilter(new CallerRequest(request, caller.get().code()), response);
        }
    }

    private Optional<Participant> identify(HttpServletRequest request) {
        Object certs = request.getAttribute("jakarta.servlet.request.X509Certificate");
        if (certs instanceof X509Certificate[] chain && chain.length > 0) {
            return directory.byClientCertificate(chain[0]);
        }
        return directory.byApiKey(request.getHeader(API_KEY));
    }

    private static boolean isWsdlQuery(HttpServletRequest request) {
        String q = request.getQueryString();
        return q != null && (q.equalsIgnoreCase("wsdl") || q.toLowerCase().startsWith("wsdl="));
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (request.getRequestURI().startsWith(request.getContextPath() + "/services/")) {
            response.setContentType("text/xml");
            response.getWriter().write("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                    + "<soap:Body><soap:Fault><faultcode>soap:Client</faultcode>"
                    + "<faultstring>unauthenticated: no valid API key or client certificate</faultstring>"
                    + "</soap:Fault></soap:Body></soap:Envelope>");
        } else {
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"unauthenticated\",\"errors\":[{\"field\":\"" + API_KEY
                    + "\",\"reason\":\"no valid API key or client certificate\"}]}");
        }
    }

    /** The request as the rest of the hub sees it: with the authenticated caller and no forged caller header. */
    private static final class CallerRequest extends HttpServletRequestWrapper {
        private final String code;

        CallerRequest(HttpServletRequest request, String code) {
            super(request);
            this.code = code;
        }

        @Override
        public String getHeader(String name) {
            return CALLER.equalsIgnoreCase(name) ? code : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
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
            names.add(CALLER);
            return Collections.enumeration(names);
        }
    }
}
