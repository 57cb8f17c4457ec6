package com.receivableshub.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.ModelValidator;
import com.receivableshub.model.Violation;
import com.receivableshub.participant.Participant;
import com.receivableshub.pipeline.LedgerEntry.Direction;
import com.receivableshub.trust.CanonicalJson;
import com.receivableshub.trust.InboundSignatures;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one path of every inbound message: check who sent it and what it says, then in one database transaction
 * record it (idempotently, by sender and message id), append it to the ledger, let its handler update state, and
 * write the outgoing messages to the outbox and the ledger. Either all of it happens or none of it. The same message
 * id again is a duplicate when it carries the same type and payload, and refused when it carries other content.
 *
 * <p>Messages that arrive together are committed together ({@link GroupCommit}): the checks run on the callers'
 * threads in parallel, the recording of a group in one transaction, so the ledger's head-row lock and the commit are
 * paid once per group rather than once per message. A message refused in the middle of a group is refused alone.
 */
@Service
public class IntakeService {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeService.class);

    private final Map<MessageType, MessageHandler> handlers = new EnumMap<>(MessageType.class);
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Ledger ledger;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final InboundSignatures signatures;
    private final GroupCommit<Unit, IntakeResult> commits;

    /**
     * @param groupCommitMax at most this many messages arriving together share one transaction
     *                       ({@code hub.intake.group-commit-max}; 1 gives each its own)
     */
    public IntakeService(List<MessageHandler> handlers, JdbcTemplate jdbc, TransactionTemplate tx, Ledger ledger,
                         Outbox outbox, ObjectMapper json, Clock clock, InboundSignatures signatures,
                         @Value("${hub.intake.group-commit-max:64}") int groupCommitMax) {
        for (MessageHandler h : handlers) {
            if (this.handlers.put(h.type(), h) != null) {
                throw new IllegalStateException("two handlers for " + h.type());
            }
        }
        this.jdbc = jdbc;
        this.tx = tx;
        this.ledger = ledger;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.signatures = signatures;
        this.commits = new GroupCommit<>(tx, groupCommitMax, this::record);
    }

    /**
     * @param caller  the participant the transport authenticated
     * @param raw     the exact bytes received, whose hash goes to the ledger
     */
    public IntakeResult accept(Participant caller, Channel channel, Envelope envelope, byte[] raw) {
        try (MDC.MDCCloseable m = MDC.putCloseable("messageId", envelope.messageId());
             MDC.MDCCloseable c = MDC.putCloseable("correlationId", envelope.correlationId());
             MDC.MDCCloseable s = MDC.putCloseable("sender", caller.code())) {
            MessageHandler handler = check(caller, envelope);
            // What can be worked out from the message alone is, here, on the caller's thread, in parallel with the
            // others: the group's transaction runs one at a time.
            Unit unit = new Unit(caller, channel, envelope, handler, contentHash(envelope), Hashes.sm3(raw),
                    Subjects.of(envelope.payload()), MDC.getCopyOfContextMap());
            // Within a caller's transaction, the message is part of it; otherwise it may share its transaction with
            // others arriving at the same time, and this returns once that transaction committed.
            IntakeResult result = TransactionSynchronizationManager.isActualTransactionActive()
                    ? tx.execute(status -> record(List.of(unit)).get(0))
                    : commits.run(unit);
            LOG.info("{} {} from {} over {}: {}", envelope.type(), envelope.messageId(), caller.code(), channel,
                    result.status());
            return result;
        }
    }

    private MessageHandler check(Participant caller, Envelope envelope) {
        if (!caller.code().equals(envelope.sender())) {
            throw new RefusedException(403, "sender", "'" + envelope.sender() + "' is not the caller '" + caller.code()
                    + "': nobody may send in another participant's name");
        }
        MessageHandler handler = handlers.get(envelope.type());
        if (handler == null) {
            throw new RefusedException(422, "type", "the hub takes no " + envelope.type() + " messages");
        }
        if (caller.roles().stream().noneMatch(handler.senders()::contains)) {
            throw new RefusedException(403, "type", envelope.type() + " may be sent only by " + handler.senders()
                    + ", the caller is " + caller.roles());
        }
        List<Violation> violations = ModelValidator.validateEnvelope(envelope, json);
        if (!violations.isEmpty()) {
            throw new RefusedException(422, violations.stream()
                    .map(v -> new RefusedException.FieldError(v.field(), v.reason())).toList());
        }
        signatures.check(caller, envelope);
        return handler;
    }

    /** A checked message on its way into a transaction, with what was worked out from it beforehand. */
    private record Unit(Participant caller, Channel channel, Envelope envelope, MessageHandler handler,
                        String contentHash, String rawHash, Set<String> subjects, Map<String, String> mdc) {
    }

    /**
     * Records the messages of one transaction, in order: their inbound rows in one batch, then each handler's new
     * messages prepared together ({@link MessageHandler#prepare}), then each message appended to the ledger and
     * handled; the outgoing messages go to the outbox in one batch at commit. A message already taken is a duplicate
     * (or refused when its content differs), as if it had come alone.
     */
    private List<IntakeResult> record(List<Unit> units) {
        boolean[] isNew = insertInbound(units);
        Map<MessageHandler, List<MessageHandler.Received>> fresh = new LinkedHashMap<>();
        for (int i = 0; i < units.size(); i++) {
            if (isNew[i]) {
                Unit u = units.get(i);
                fresh.computeIfAbsent(u.handler(), h -> new ArrayList<>())
                        .add(new MessageHandler.Received(u.envelope(), u.caller()));
            }
        }
        for (Map.Entry<MessageHandler, List<MessageHandler.Received>> e : fresh.entrySet()) {
            e.getKey().prepare(e.getValue());
        }
        List<IntakeResult> results = new ArrayList<>(units.size());
        for (int i = 0; i < units.size(); i++) {
            Unit u = units.get(i);
            GroupCommit.restore(u.mdc()); // the log context of the caller whose message this is
            results.add(isNew[i] ? recordNew(u) : duplicate(u));
        }
        return results;
    }

    /** The inbound rows of the units, one batch; whether each was new (a message id twice: the first one is). */
    private boolean[] insertInbound(List<Unit> units) {
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> rows = new ArrayList<>(units.size());
        for (Unit u : units) {
            rows.add(new Object[] {u.caller().code(), u.envelope().messageId(), u.envelope().type().name(),
                    u.channel().name(), now, u.contentHash()});
        }
        String sql = "INSERT INTO inbound_message (sender, message_id, type, channel, received_at, content_hash)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
        boolean[] isNew = new boolean[units.size()];
        int[] counts = units.size() == 1 ? new int[] {jdbc.update(sql, rows.get(0))} : jdbc.batchUpdate(sql, rows);
        for (int i = 0; i < isNew.length; i++) {
            if (counts[i] != 0 && counts[i] != 1) {
                // A driver that does not count row by row (batches rewritten into one statement): the group is
                // rolled back and each message runs alone, with a statement of its own.
                throw new IllegalStateException("the database did not say which inbound rows were new");
            }
            isNew[i] = counts[i] == 1;
        }
        return isNew;
    }

    private IntakeResult duplicate(Unit u) {
        Envelope envelope = u.envelope();
        String taken = jdbc.query("SELECT content_hash FROM inbound_message WHERE sender = ? AND message_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, u.caller().code(), envelope.messageId());
        if (taken != null && !taken.equals(u.contentHash())) {
            throw new RefusedException(409, "messageId", "'" + envelope.messageId() + "' was already taken"
                    + " with other content: a message id names one message, so a replay must be the same"
                    + " message and new content needs a new id");
        }
        ledger.flush();
        Long seq = jdbc.query("SELECT MIN(seq) FROM ledger WHERE message_id = ? AND sender = ? AND direction = 'IN'",
                rs -> rs.next() ? rs.getLong(1) : 0L, envelope.messageId(), u.caller().code());
        return new IntakeResult(envelope.messageId(), IntakeResult.Status.DUPLICATE, seq == null ? 0 : seq, 0);
    }

    private IntakeResult recordNew(Unit u) {
        Envelope envelope = u.envelope();
        LedgerEntry in = ledger.appendHashed(Direction.IN, envelope.messageId(), envelope.type().name(),
                u.caller().code(), envelope.receivers() == null ? List.of() : envelope.receivers(), u.rawHash(),
                envelope.signature() == null ? null : envelope.signature().value(), u.subjects());
        List<Outgoing> outgoing = u.handler().handle(envelope, u.caller());
        for (Outgoing out : outgoing) {
            write(out, true);
        }
        return new IntakeResult(envelope.messageId(), IntakeResult.Status.ACCEPTED, in.seq(), outgoing.size());
    }

    /** What makes a message the same message: its type and its payload (canonical, as signatures see it). */
    private static String contentHash(Envelope envelope) {
        byte[] payload = envelope.payload() == null ? new byte[0] : CanonicalJson.bytes(envelope.payload());
        byte[] type = (envelope.type().name() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[type.length + payload.length];
        System.arraycopy(type, 0, all, 0, type.length);
        System.arraycopy(payload, 0, all, type.length, payload.length);
        return Hashes.sm3(all);
    }

    /** Writes one outgoing message to the outbox and the ledger; the caller's transaction must be open. */
    public void send(Outgoing out) {
        write(out, false);
    }

    /** @param atCommit the outbox row goes in with the transaction's others when it commits, not now */
    private void write(Outgoing out, boolean atCommit) {
        byte[] body = bodyOf(out.envelope());
        write(out, body, Hashes.sm3(body), atCommit);
    }

    /** The bytes an outgoing message is written and delivered as. */
    public byte[] bodyOf(Envelope e) {
        try {
            return json.writeValueAsBytes(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot serialise " + e.type() + " " + e.messageId(), ex);
        }
    }

    /**
     * As {@link #send}, with the message already written ({@link #bodyOf}) and hashed ({@link Hashes#sm3(byte[])}),
     * perhaps on another thread before the transaction began.
     */
    public void sendWritten(Outgoing out, byte[] body, String bodyHash) {
        write(out, body, bodyHash, false);
    }

    private void write(Outgoing out, byte[] body, String bodyHash, boolean atCommit) {
        Envelope e = out.envelope();
        if (atCommit) {
            outbox.addAtCommit(e.messageId(), out.channel(), out.destination(), out.receiver().code(), e.type().name(),
                    e.correlationId(), body);
        } else {
            outbox.add(e.messageId(), out.channel(), out.destination(), out.receiver().code(), e.type().name(),
                    e.correlationId(), body);
        }
        ledger.appendHashed(Direction.OUT, e.messageId(), e.type().name(), e.sender(), List.of(out.receiver().code()),
                bodyHash, e.signature() == null ? null : e.signature().value(), out.ledgerSubjects());
    }
}
