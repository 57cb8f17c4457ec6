package com.receivableshub.pipeline;

import com.receivableshub.HubProperties;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.RetryPolicy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The relay routes' side effects: which outbox rows are due, where an HTTP row goes, and what became of each send.
 * A failed send stays pending and is tried again with the receiver's backoff; an HTTP send whose retry budget is
 * spent goes to the dead-letter store with the reason. Broker sends are never given up: the broker is the hub's own.
 */
@Component("outboxRelay")
public class OutboxRelay {

    /** The exchange property holding the row being delivered. */
    public static final String MESSAGE = "outboxMessage";
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final RetryPolicy BROKER_RETRY = new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1),
            Duration.ofDays(36500));

    private final Outbox outbox;
    private final HubProperties hub;
    private final ParticipantDirectory directory;
    private final HttpResponses responses;
    private final Clock clock;
    private final QueueSender queues;

    public OutboxRelay(Outbox outbox, HubProperties hub, ParticipantDirectory directory, HttpResponses responses,
                       Clock clock, QueueSender queues) {
        this.queues = queues;
        this.outbox = outbox;
        this.hub = hub;
        this.directory = directory;
        this.responses = responses;
        this.clock = clock;
    }

    public List<OutboxMessage> due() {
        return outbox.due(hub.relay().batchSize(), hub.relay().maxBytes());
    }

    /**
     * Sends the due rows bound for funders' queues, {@code hub.relay.queue-batch} per JMS transaction, and marks
     * each transaction's rows sent together; returns the other rows (HTTP, SOAP) for their routes. A transaction
     * that fails leaves its rows for a later attempt, and the rest of this round's queue rows wait too, so a
     * funder's messages keep their order.
     */
    public List<OutboxMessage> sendQueued(List<OutboxMessage> due) {
        List<OutboxMessage> rest = new ArrayList<>();
        List<OutboxMessage> queued = new ArrayList<>();
        for (OutboxMessage m : due) {
            (m.channel() == Channel.QUEUE ? queued : rest).add(m);
        }
        int batch = Math.max(1, hub.relay().queueBatch());
        for (int from = 0; from < queued.size(); from += batch) {
            List<OutboxMessage> part = queued.subList(from, Math.min(queued.size(), from + batch));
            try {
                queues.send(part);
            } catch (RuntimeException e) {
                Instant now = clock.instant();
                String reason = reason(e, null);
                for (OutboxMessage m : part) {
                    Duration delay = backoff(BROKER_RETRY, m.attempts());
                    LOG.warn("delivery of {} {} to {} failed (attempt {}), next in {}: {}", m.type(), m.messageId(),
                            m.destination(), m.attempts() + 1, delay, reason);
                    outbox.markRetry(m.id(), reason, now.plus(delay));
                }
                break;
            }
            outbox.markSent(part.stream().map(OutboxMessage::id).toList());
        }
        return rest;
    }

    public void sent(OutboxMessage message) {
        outbox.markSent(message.id());
    }

    /** Sets the URL and headers of an HTTP delivery; the receiver can deduplicate on the Idempotency-Key. */
    public void prepareHttp(Exchange exchange) {
        OutboxMessage message = exchange.getProperty(MESSAGE, OutboxMessage.class);
        String[] destination = message.destination().split(":", 2);
        Participant receiver = directory.byCode(message.receiver()).orElseThrow(() ->
                new IllegalStateException("receiver " + message.receiver() + " is no longer in adapters/"));
        URI base = receiver.endpoint(destination[0]).orElseThrow(() ->
                new IllegalStateException(receiver.source() + " has no endpoint '" + destination[0] + "'"));
        var m = exchange.getMessage();
        m.getHeaders().clear();
        m.setHeader(Exchange.HTTP_METHOD, "POST");
        m.setHeader(Exchange.CONTENT_TYPE, "application/json");
        m.setHeader("Idempotency-Key", message.messageId());
        m.setHeader("X-Hub-Message-Type", message.type());
        if (message.correlationId() != null) {
            m.setHeader("X-Hub-Correlation-Id", message.correlationId());
        }
        m.setBody(message.body());
        exchange.setProperty("httpUrl", base.toString() + (destination.length > 1 ? destination[1] : ""));
    }

    /** A 2xx answer: an answer with content is taken in as the receiver's reply, then the row is done. */
    public void httpDelivered(Exchange exchange) {
        OutboxMessage message = exchange.getProperty(MESSAGE, OutboxMessage.class);
        byte[] response = exchange.getMessage().getBody(byte[].class);
        responses.accept(message, response);
        outbox.markSent(message.id());
    }

    public void failed(Exchange exchange) {
        OutboxMessage message = exchange.getProperty(MESSAGE, OutboxMessage.class);
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (message == null) {
            LOG.error("relay failed outside a message", e);
            return;
        }
        Integer status = e instanceof HttpOperationFailedException h ? h.getStatusCode() : null;
        boolean refused = status != null ? isFinal(status) : isClientFault(e);
        String reason = reason(e, status);
        RetryPolicy policy = message.channel() != Channel.QUEUE
                ? directory.byCode(message.receiver()).map(Participant::retry).orElse(RetryPolicy.DEFAULT)
                : BROKER_RETRY;
        Instant now = clock.instant();
        Duration delay = backoff(policy, message.attempts());
        if (refused) {
            LOG.error("delivery of {} {} to {} refused by the receiver: {}", message.type(), message.messageId(),
                    message.receiver(), reason);
            outbox.markDead(message, reason, status);
            return;
        }
        if (message.channel() != Channel.QUEUE && now.plus(delay).isAfter(message.retryFrom().plus(policy.budget()))) {
            LOG.error("delivery of {} {} to {} given up after {} attempts ({} budget): {}", message.type(),
                    message.messageId(), message.receiver(), message.attempts() + 1, policy.budget(), reason);
            outbox.markDead(message, reason, status);
            return;
        }
        LOG.warn("delivery of {} {} to {} failed (attempt {}), next in {}: {}", message.type(), message.messageId(),
                message.destination(), message.attempts() + 1, delay, reason);
        outbox.markRetry(message.id(), reason, now.plus(delay));
    }

    /** A 4xx answer will not change by asking again, except a timeout (408) or too many requests (429). */
    static boolean isFinal(int status) {
        return status >= 400 && status < 500 && status != 408 && status != 429;
    }

    /** A SOAP fault the receiver blames on the request will not change by asking again. */
    static boolean isClientFault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.xml.ws.soap.SOAPFaultException fault) {
                String code = fault.getFault().getFaultCode();
                return code != null && code.endsWith("Client");
            }
        }
        return false;
    }

    static Duration backoff(RetryPolicy policy, int attempts) {
        Duration delay = policy.initialDelay().multipliedBy(1L << Math.min(attempts, 20));
        return delay.compareTo(policy.maxDelay()) > 0 ? policy.maxDelay() : delay;
    }

    private static String reason(Exception e, Integer status) {
        if (e == null) {
            return "unknown failure";
        }
        if (status != null) {
            HttpOperationFailedException h = (HttpOperationFailedException) e;
            String body = h.getResponseBody() == null ? "" : h.getResponseBody().strip();
            return "HTTP " + status + " from " + h.getUri() + (body.isEmpty() ? ""
                    : ": " + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
        }
        Throwable root = e;
        String message = e.getMessage();
        Throwable timeout = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (timeout == null && t.getClass().getSimpleName().contains("Timeout")) {
                // a timeout is the reason, whatever the closed connection under it says
                timeout = t;
            }
        }
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            message = root.getMessage() != null ? root.getMessage() : message;
        }
        if (timeout != null) {
            return timeout.getClass().getSimpleName() + ": " + (timeout.getMessage() != null ? timeout.getMessage()
                    : "no answer in time");
        }
        // A timeout often says nothing more than its class: keep the nearest message of the chain.
        return root.getClass().getSimpleName() + ": " + (root.getMessage() != null ? root.getMessage()
                : message != null ? message : "no details");
    }
}
