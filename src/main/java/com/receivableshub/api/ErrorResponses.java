package com.receivableshub.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.pipeline.RefusedException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns what went wrong into the REST answer: a refusal names each field and reason; anything else is a 500
 * with a reference to the log line, and no internals.
 */
@Component("errorResponses")
public class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
    private final ObjectMapper json;

    public ErrorResponses(ObjectMapper json) {
        this.json = json;
    }

    public String toResponse(Exchange exchange) throws JsonProcessingException {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Map<String, Object> body = new LinkedHashMap<>();
        int status;
        if (e instanceof RefusedException refused) {
            status = refused.status();
            body.put("error", status == 401 ? "unauthenticated" : status == 403 ? "forbidden" : "refused");
            body.put("errors", refused.errors());
        } else {
            status = 500;
            String reference = UUID.randomUUID().toString();
            LOG.error("internal error, reference {}", reference, e);
            body.put("error", "internal");
            body.put("errors", List.of(new RefusedException.FieldError("", "internal error, reference " + reference)));
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        return json.writeValueAsString(body);
    }
}
