package com.receivableshub.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * Refuses a REST or SOAP request body over its limit ({@code hub.limits.rest-body}, {@code hub.limits.soap-body})
 * with 413 naming the limit, before anything parses it: by its Content-Length when it declares one, otherwise
 * (chunked) by reading at most the limit and one byte more. REST gets the hub's JSON error, SOAP a SOAP fault.
 */
public final class BodyLimitFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(BodyLimitFilter.class);

    private final HubLimits limits;
    private final ObjectMapper json;

    public BodyLimitFilter(HubLimits limits, ObjectMapper json) {
        this.limits = limits;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !(path.startsWith("/api/") || path.startsWith("/services/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean soap = path(request).startsWith("/services/");
        DataSize limit = soap ? limits.soapBody() : limits.restBody();
        String key = soap ? "soap-body" : "rest-body";
        long declared = request.getContentLengthLong();
        if (declared > limit.toBytes()) {
            refuse(request, response, soap, "is " + declared + " bytes, " + HubLimits.over(limit, key));
            return;
        }
        if (declared < 0 && request.getHeader("Transfer-Encoding") != null) {
            byte[] body = readAtMost(request.getInputStream(), limit.toBytes() + 1);
            if (body.length > limit.toBytes()) {
                refuse(request, response, soap, "is more than " + limit.toBytes() + " bytes, "
                        + HubLimits.over(limit, key));
                return;
            }
            chain.doFilter(new ReadBody(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, boolean soap, String reason)
            throws IOException {
        LOG.warn("refused {} {} from {}: the body {}", request.getMethod(), request.getRequestURI(),
                request.getRemoteAddr(), reason);
        response.setStatus(413);
        response.setHeader("Connection", "close");
        byte[] out;
        if (soap) {
            response.setContentType("text/xml;charset=UTF-8");
            out = ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault>"
                    + "<faultcode>soap:Client</faultcode><faultstring>body: " + HtmlUtils.htmlEscape(reason)
                    + "</faultstring></soap:Fault></soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
        } else {
            response.setContentType("application/json");
            out = json.writeValueAsBytes(Map.of("error", "refused",
                    "errors", List.of(Map.of("field", "body", "reason", reason))));
        }
        response.getOutputStream().write(out);
    }

    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while (total < max && (n = in.read(buf, 0, (int) Math.min(buf.length, max - total))) != -1) {
            out.write(buf, 0, n);
            total += n;
        }
        return out.toByteArray();
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** A chunked request whose body has been read (within the limit): the rest of the chain reads it from memory. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body has been read already");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }
    }
}
