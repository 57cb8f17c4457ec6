package com.receivableshub.pipeline;

import com.receivableshub.model.Envelope;
import com.receivableshub.model.ErrorReport;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.RecordError;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.security.HubLimits;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Messages participants put on the hub's inbound address. The sender is the broker user the broker validated
 * (it stamps it on the message; a client cannot forge it). A refused message is answered with an error report on
 * the sender's queue; the consumer's transaction then commits, so the refused message is not redelivered.
 */
@Component("queueIntake")
public class QueueIntake {

    /** Set by the broker on every message it accepted from an authenticated user. */
    public static final String VALIDATED_USER = "_AMQ_VALIDATED_USER";
    private static final Logger LOG = LoggerFactory.getLogger(QueueIntake.class);

    private final ParticipantDirectory directory;
    private final EnvelopeReader reader;
    private final IntakeService intake;
    private final HubMessages messages;
    private final TransactionTemplate tx;
    private final HubLimits limits;

    public QueueIntake(ParticipantDirectory directory, EnvelopeReader reader, IntakeService intake,
                       HubMessages messages, TransactionTemplate tx, HubLimits limits) {
        this.limits = limits;
        this.directory = directory;
        this.reader = reader;
        this.intake = intake;
        this.messages = messages;
        this.tx = tx;
    }

    public void accept(Exchange exchange) {
        String user = exchange.getMessage().getHeader(VALIDATED_USER, String.class);
        if (user == null) {
            user = exchange.getMessage().getHeader("JMSXUserID", String.class);
        }
        Participant sender = directory.byBrokerUser(user).orElse(null);
        if (sender == null) {
            // Only authenticated users can send to the inbound address; without one this message cannot be answered.
            throw new IllegalStateException("message " + exchange.getMessage().getHeader("JMSMessageID")
                    + " on the inbound address carries no known broker user");
        }
        String ref = exchange.getMessage().getHeader("JMSMessageID", String.class);
        try {
            byte[] body = body(exchange);
            Envelope envelope = reader.read(body);
            ref = envelope.messageId();
            intake.accept(sender, Channel.QUEUE, envelope, body);
        } catch (RefusedException e) {
            LOG.warn("refused message {} from {}: {}", ref, sender.code(), e.getMessage());
            reportRefusal(sender, ref, e);
        }
    }

    private void reportRefusal(Participant sender, String ref, RefusedException e) {
        List<RecordError> errors = e.errors().stream().map(f -> new RecordError(ref, f.field(), f.reason())).toList();
        Envelope report = messages.envelope(MessageType.ERROR_REPORT, sender.code(), ref, new ErrorReport(ref, errors));
        if (sender.brokerUser().isPresent() && sender.has(com.receivableshub.participant.ParticipantRole.FUNDER)) {
            tx.executeWithoutResult(s -> intake.send(Outgoing.toQueue(report, sender)));
        }
    }

    /** The message's bytes, refused before parsing when over {@code hub.limits.broker-message}. */
    private byte[] body(Exchange exchange) {
        long limit = limits.brokerMessage().toBytes();
        Object body = exchange.getMessage().getBody();
        byte[] bytes;
        if (body instanceof byte[] b) {
            bytes = b;
        } else {
            String text = exchange.getMessage().getBody(String.class);
            if (text != null && text.length() > limit) {
                // a UTF-8 character is at least one byte: over the limit without encoding it
                throw tooLarge("more than " + limit);
            }
            bytes = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > limit) {
            throw tooLarge(Long.toString(bytes.length));
        }
        return bytes;
    }

    private RefusedException tooLarge(String size) {
        return new RefusedException(413, "body", "is " + size + " bytes, "
                + HubLimits.over(limits.brokerMessage(), "broker-message"));
    }
}
