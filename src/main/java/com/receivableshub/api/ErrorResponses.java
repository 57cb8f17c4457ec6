package com.receivableshub.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.pipeline.RefusedException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Turns what went wrong into the REST answer: a refusal names each field and reason; an unreachable database is a
 * 503 saying to send the message again later; anything else is a 500 with a reference to the log line, and no
 * internals.
 */
@Component("errorResponses")
public class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
    private final ObjectMapper json;

    public ErrorResponses(ObjectMapper json) {
        this.json = json;
    }

    /** What a caller is told while the database cannot be reached: nothing was taken, the same message may be sent again. */
    static final String DATABASE_UNAVAILABLE = "the hub's database is unavailable, so the message was not taken;"
            + " send it again later with the same message id (it is taken once)";
    static final String RETRY_AFTER_SECONDS = "5";

    public String toResponse(Exchange exchange) throws JsonProcessingException {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Map<String, Object> body = new LinkedHashMap<>();
        int status;
        if (e instanceof RefusedException refused) {
            status = refused.status();
            body.put("error", status == 401 ? "unauthenticated" : status == 403 ? "forbidden" : "refused");
            body.put("errors", refused.errors());
        } else if (databaseUnavailable(e)) {
            status = 503;
            LOG.warn("refused a request while the database is unavailable: {}", rootMessage(e));
            body.put("error", "unavailable");
            body.put("errors", List.of(new RefusedException.FieldError("", DATABASE_UNAVAILABLE)));
            exchange.getMessage().setHeader("Retry-After", RETRY_AFTER_SECONDS);
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

    /**
     * The database cannot be reached (no connection from the pool, a connection lost, a commit whose outcome is
     * unknown): a passing condition, answered 503, not an internal error.
     */
    static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
                    || t instanceof CannotCreateTransactionException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
