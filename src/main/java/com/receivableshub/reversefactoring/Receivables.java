package com.receivableshub.reversefactoring;

import com.receivableshub.model.ReceivableKey;
import com.receivableshub.pipeline.RefusedException;
import com.receivableshub.pipeline.Subjects;
import com.receivableshub.reversefactoring.ReverseFactoringStore.PayableState;
import com.receivableshub.trust.FinancingGuard;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Checks a list of receivables a supplier wants financed: each must exist, be the supplier's, be owed by the named
 * debtor, be confirmed by it, and not be financed by someone else already. Every problem is reported at once.
 */
@Component
public class Receivables {

    private final ReverseFactoringStore store;
    private final FinancingGuard guard;

    public Receivables(ReverseFactoringStore store, FinancingGuard guard) {
        this.store = store;
        this.guard = guard;
    }

    /** What the checks found: the subjects to claim, their fields, and what is left of their confirmed amounts. */
    public record Checked(List<String> subjects, List<String> fields, BigDecimal open) {
    }

    /**
     * @param field   the list's field name in the message (payables, receivables)
     * @param funder  the funder about to finance them; its own claims do not count against it
     */
    public Checked check(String field, List<ReceivableKey> keys, String supplier, String debtor, String funder,
                         String reference) {
        List<RefusedException.FieldError> errors = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        BigDecimal open = BigDecimal.ZERO;
        for (int i = 0; i < keys.size(); i++) {
            ReceivableKey key = keys.get(i);
            String f = field + "[" + i + "]";
            if (!key.creditorCode().equals(supplier)) {
                errors.add(new RefusedException.FieldError(f, "is not " + supplier + "'s receivable"));
                continue;
            }
            if (debtor != null && !key.debtorCode().equals(debtor)) {
                errors.add(new RefusedException.FieldError(f, "is owed by " + key.debtorCode() + ", not " + debtor));
                continue;
            }
            PayableState state = store.payable(key).orElse(null);
            if (state == null) {
                errors.add(new RefusedException.FieldError(f, "no payable " + key.documentNumber() + " of "
                        + key.debtorCode() + " to " + key.creditorCode() + " is known"));
                continue;
            }
            if (!state.confirmed()) {
                errors.add(new RefusedException.FieldError(f, "is not confirmed by the core enterprise"));
                continue;
            }
            String subject = Subjects.receivable(key.creditorCode(), key.debtorCode(), key.documentNumber());
            guard.active(subject).filter(c -> !c.isOf(funder, reference))
                    .ifPresent(c -> errors.add(new RefusedException.FieldError(f, "is already financed: an active "
                            + c.describe())));
            subjects.add(subject);
            fields.add(f);
            open = open.add(state.open());
        }
        if (!errors.isEmpty()) {
            throw new RefusedException(409, errors);
        }
        return new Checked(subjects, fields, open);
    }
}
