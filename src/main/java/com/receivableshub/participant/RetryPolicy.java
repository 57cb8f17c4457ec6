package com.receivableshub.participant;

import java.time.Duration;

/**
 * How the hub retries a call to a participant: exponential backoff from {@code initialDelay}, doubling up to
 * {@code maxDelay}, until {@code budget} has passed; then the message goes to the dead-letter store.
 */
public record RetryPolicy(Duration initialDelay, Duration maxDelay, Duration budget) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(30));
}
