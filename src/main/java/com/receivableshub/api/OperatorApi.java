package com.receivableshub.api;

import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.Ledger;
import com.receivableshub.pipeline.LedgerEntry;
import com.receivableshub.pipeline.LedgerVerifier;
import com.receivableshub.pipeline.RefusedException;
import com.receivableshub.pipeline.Subjects;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** What the platform's operators ask the hub: is the ledger intact, what happened to a receivable or contract. */
@Component("operatorApi")
public class OperatorApi {

    private final RestIntake callers;
    private final LedgerVerifier verifier;
    private final Ledger ledger;

    public OperatorApi(RestIntake callers, LedgerVerifier verifier, Ledger ledger) {
        this.callers = callers;
        this.verifier = verifier;
        this.ledger = ledger;
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
