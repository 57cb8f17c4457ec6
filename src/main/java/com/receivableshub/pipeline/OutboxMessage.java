package com.receivableshub.pipeline;

/** An outbox row waiting for the relay. */
public record OutboxMessage(long id, String messageId, Channel channel, String destination, String receiver,
                            String type, String correlationId, byte[] body, int attempts) {
}
