package com.receivableshub.api;

import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.DeadLetters;
import com.receivableshub.pipeline.Ledger;
import com.receivableshub.pipeline.LedgerEntry;
import com.receivableshub.pipeline.LedgerVerifier;
import com.receivableshub.pipeline.RefusedException;
import com.receivableshub.pipeline.Subjects;
import com.receivableshub.procurement.LockStore;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * What the platform's operators ask the hub: is the ledger intact, what happened to a receivable or contract, what
 * could not be delivered (and deliver it again).
 */
@Component("operatorApi")
public class OperatorApi {

    private final RestIntake callers;
    private final LedgerVerifier verifier;
    private final Ledger ledger;

    private final DeadLetters deadLetters;

    private final LockStore locks;

    public OperatorApi(RestIntake callers, LedgerVerifier verifier, Ledger ledger, DeadLetters deadLetters,
                       LockStore locks) {
        this.locks = locks;
        this.callers = callers;
        this.verifier = verifier;
        this.ledger = ledger;
        this.deadLetters = deadLetters;
    }

    public LedgerVerifier.Result verifyLedger(Exchange exchange) {
        requireOperator(exchange);
        return verifier.verify();
    }

    public Map<String, Object> receivableHistory(Exchange exchange) {
        requireOperator(exchange);
        String creditor = header(exchange, "creditorCode");
        String debtor = header(exchange, "debtorCode");
        String document = header(exchange, "documentNumber");
        return history(Subjects.receivable(creditor, debtor, document));
    }

    public Map<String, Object> contractHistory(Exchange exchange) {
        requireOperator(exchange);
        return history(Subjects.contract(header(exchange, "contractId")));
    }

    /** GET /api/v1/operator/dead-letters: what could not be delivered, newest first. */
    public List<Map<String, Object>> deadLetters(Exchange exchange) {
        requireOperator(exchange);
        return deadLetters.list(500);
    }

    /** GET /api/v1/operator/dead-letters/{id}: one dead letter with the message as it was to be sent. */
    public Map<String, Object> deadLetter(Exchange exchange) {
        requireOperator(exchange);
        long id = id(exchange);
        return deadLetters.show(id).orElseThrow(() -> new RefusedException(404, "id", "no dead letter " + id));
    }

    /** POST /api/v1/operator/dead-letters/{id}/replay: delivers it again, once. */
    public Map<String, Object> replay(Exchange exchange) {
        requireOperator(exchange);
        long id = id(exchange);
        switch (deadLetters.replay(id)) {
            case ALREADY_REPLAYED -> throw new RefusedException(409, "id", "dead letter " + id + " was replayed already");
            case UNKNOWN -> throw new RefusedException(404, "id", "no dead letter " + id);
            case REPLAYING -> exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        }
        return Map.of("id", id, "status", "REPLAYING");
    }

    /** GET /api/v1/operator/account-locks: lock and unlock instructions the treasury has not acknowledged. */
    public List<Map<String, Object>> unacknowledgedLocks(Exchange exchange) {
        requireOperator(exchange);
        return locks.unacknowledged();
    }

    private static long id(Exchange exchange) {
        try {
            return Long.parseLong(header(exchange, "id"));
        } catch (NumberFormatException e) {
            throw new RefusedException(400, "id", "is not a number");
        }
    }

    private Map<String, Object> history(String subject) {
        List<LedgerEntry> entries = ledger.history(subject);
        return Map.of("subject", subject, "entries", entries);
    }

    private void requireOperator(Exchange exchange) {
        Participant caller = callers.caller(exchange);
        if (!caller.has(ParticipantRole.OPERATOR)) {
            throw new RefusedException(403, "X-Api-Key", "only the platform's operators may ask this");
        }
    }

    private static String header(Exchange exchange, String name) {
        String value = exchange.getMessage().getHeader(name, String.class);
        if (value == null || value.isBlank()) {
            throw new RefusedException(400, name, "is missing");
        }
        return value;
    }
}
