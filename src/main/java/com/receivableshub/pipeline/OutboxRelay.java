package com.receivableshub.pipeline;

import com.receivableshub.HubProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The relay route's side effects: which outbox rows are due, and what became of each send. */
@Component("outboxRelay")
public class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofMinutes(1);

    private final Outbox outbox;
    private final HubProperties hub;
    private final Clock clock;

    public OutboxRelay(Outbox outbox, HubProperties hub, Clock clock) {
        this.outbox = outbox;
        this.hub = hub;
        this.clock = clock;
    }

    public List<OutboxMessage> due() {
        return outbox.due(hub.relay().batchSize());
    }

    public void sent(OutboxMessage message) {
        outbox.markSent(message.id());
    }

    /** A failed send is tried again later, backing off; the row stays pending so nothing is lost. */
    public void failed(Exchange exchange) {
        OutboxMessage message = exchange.getProperty("outboxMessage", OutboxMessage.class);
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (message == null) {
            LOG.error("relay failed outside a message", e);
            return;
        }
        long factor = 1L << Math.min(message.attempts(), 16);
        Duration delay = FIRST_RETRY.multipliedBy(factor);
        if (delay.compareTo(LAST_RETRY) > 0) {
            delay = LAST_RETRY;
        }
        String reason = e == null ? "unknown" : e.getClass().getSimpleName() + ": " + e.getMessage();
        LOG.warn("delivery of {} to {} failed (attempt {}), next in {}: {}", message.messageId(), message.destination(),
                message.attempts() + 1, delay, reason);
        outbox.markRetry(message.id(), reason, clock.instant().plus(delay));
    }
}
