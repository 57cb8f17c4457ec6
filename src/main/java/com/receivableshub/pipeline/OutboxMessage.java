package com.receivableshub.pipeline;

import java.time.Instant;

/**
 * An outbox row waiting for the relay.
 *
 * @param retryFrom when the receiver's retry budget started counting
 */
public record OutboxMessage(long id, String messageId, Channel channel, String destination, String receiver,
                            String type, String correlationId, byte[] body, int attempts, Instant retryFrom) {
}
