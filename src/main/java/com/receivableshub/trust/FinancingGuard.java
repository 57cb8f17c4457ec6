package com.receivableshub.trust;

import com.receivableshub.pipeline.RefusedException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The double-financing guard (seed 000): a receivable or a procurement contract is under at most one active
 * pledge, transfer or trade, and no financing exceeds what is left of the confirmed amount. The database's unique
 * constraint decides races, so two funders claiming the same receivable at the same moment cannot both win.
 */
@Component
public class FinancingGuard {

    /** How a funder holds a receivable or contract. */
    public enum Kind { PLEDGE, TRANSFER, TRADE }

    /** An active claim, as the loser of a race is told about it. */
    public record Claim(String subject, Kind kind, String funderCode, String reference, BigDecimal amount,
                        String registrationNumber) {

        /** Whether it is this funder's claim under this reference (claiming again changes nothing). */
        public boolean isOf(String funder, String ref) {
            return funderCode.equals(funder) && reference.equals(ref);
        }

        /** Who holds it, as a refusal tells the loser: "PLEDGE of funder X (ref, registration R)". */
        public String describe() {
            return kind + " of funder " + funderCode + " (" + reference
                    + (registrationNumber == null ? "" : ", registration " + registrationNumber) + ")";
        }
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public FinancingGuard(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Claims every subject for the funder under one reference (a notice or trade id), inside the caller's
     * transaction. Claiming again under the same funder and reference changes nothing. Otherwise a subject already
     * held refuses the whole claim, naming the field, the holder and its registration; the caller's transaction
     * then rolls back, so no subject of the claim stays held.
     *
     * @param fields    the field each subject came from, for the refusal (e.g. receivables[1])
     * @param limit     what is left of the confirmed amount: confirmed less adjustments and payments
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void claim(List<String> subjects, List<String> fields, Kind kind, String funderCode, String reference,
                      BigDecimal amount, BigDecimal limit) {
        if (amount.compareTo(limit) > 0) {
            throw new RefusedException(422, "amount", amount.toPlainString()
                    + " exceeds what is left of the confirmed amount, " + limit.toPlainString()
                    + " (confirmed less adjustments and payments)");
        }
        Timestamp now = Timestamp.from(clock.instant());
        for (int i = 0; i < subjects.size(); i++) {
            String subject = subjects.get(i);
            int inserted = jdbc.update("INSERT INTO financing_claim (subject, active_subject, kind, funder_code, reference,"
                            + " amount, claimed_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    subject, subject, kind.name(), funderCode, reference, amount, now);
            if (inserted == 0) {
                Claim holder = active(subject).orElseThrow(() -> new IllegalStateException(
                        "claim on " + subject + " conflicted but no active claim was found"));
                if (!holder.isOf(funderCode, reference)) {
                    throw new RefusedException(409, fields.get(i), subject + " is already under an active "
                            + holder.describe() + ": it cannot be financed twice");
                }
            }
        }
    }

    /** The registry's number for a claim, once registered. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void registered(String reference, String registrationNumber) {
        jdbc.update("UPDATE financing_claim SET registration_number = ? WHERE reference = ? AND active_subject IS NOT NULL",
                registrationNumber, reference);
    }

    /**
     * The registry's answer names registrations already on the receivable; any that is not this claim's own means
     * someone else holds it, whatever the hub knows.
     */
    public void refuseForeignRegistrations(String field, List<String> existing, String ownRegistrationNumber) {
        List<String> foreign = existing.stream().filter(r -> !r.equals(ownRegistrationNumber)).toList();
        if (!foreign.isEmpty()) {
            throw new RefusedException(409, field, "the registry already holds registration(s) " + foreign
                    + " on it by someone else: it cannot be financed twice");
        }
    }

    /** Ends the claims under a reference (financing settled, notice withdrawn); the subjects are free again. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int release(String reference) {
        return jdbc.update("UPDATE financing_claim SET active_subject = NULL, released_at = ? WHERE reference = ?"
                + " AND active_subject IS NOT NULL", Timestamp.from(clock.instant()), reference);
    }

    public Optional<Claim> active(String subject) {
        return jdbc.query("SELECT subject, kind, funder_code, reference, amount, registration_number FROM financing_claim"
                        + " WHERE active_subject = ?",
                (rs, i) -> new Claim(rs.getString(1), Kind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5), rs.getString(6)), subject).stream().findFirst();
    }
}
