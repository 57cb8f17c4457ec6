package com.receivableshub.reversefactoring;

import com.receivableshub.model.Adjustment;
import com.receivableshub.model.CollectionAccount;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.FeedBatch;
import com.receivableshub.model.KeyedByReceivable;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.ModelValidator;
import com.receivableshub.model.Payable;
import com.receivableshub.model.Payment;
import com.receivableshub.model.ReceivableKey;
import com.receivableshub.model.RecordError;
import com.receivableshub.model.Violation;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.pipeline.HubMessages;
import com.receivableshub.pipeline.Hashes;
import com.receivableshub.pipeline.IntakeService;
import com.receivableshub.pipeline.Ledger;
import com.receivableshub.pipeline.LedgerEntry;
import com.receivableshub.pipeline.LedgerEntry.Direction;
import com.receivableshub.pipeline.Outgoing;
import com.receivableshub.pipeline.Subjects;
import com.receivableshub.trust.FinancingGuard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Steps 4, 6 and 10: a core enterprise's daily feed (payables, adjustments, payments, collection accounts), from a
 * REST batch, a file chunk or a single message. Each record is checked on its own (a bad one is reported with its
 * reference, field and reason; the good ones go through), stored once (a record seen before counts as a duplicate
 * and goes nowhere), and delivered in one batch per funder to the funders that see it: those of an active
 * relationship with the supplier, and for adjustments and payments also the funder that financed the receivable.
 */
@Service
public class FeedIngest {

    /** One record of a feed and how the sender will recognise it in the answer (line number, list index). */
    public record FeedRecord(String ref, Object record) {
    }

    /** The answer to a batch: counts and every rejected record. */
    public record FeedResult(String batchId, int received, int accepted, int duplicates, List<RecordError> rejected) {
    }

    /**
     * A file chunk's funder batches made before its transaction, on another thread, as they will be if every
     * record is new: the transaction then only writes them. If any record turns out to be a duplicate the batches are
     * made again, in the transaction, from what was accepted.
     */
    record Plan(List<PlannedBatch> batches) {
    }

    /** One funder's batch, written and hashed, and its records (which index it in the ledger). */
    record PlannedBatch(Participant funder, Envelope envelope, byte[] body, String bodyHash, Buckets records) {
    }

    private final ReverseFactoringStore store;
    private final FinancingGuard guard;
    private final ParticipantDirectory directory;
    private final HubMessages messages;
    private final IntakeService intake;
    private final Ledger ledger;
    private final TransactionTemplate tx;

    public FeedIngest(ReverseFactoringStore store, FinancingGuard guard, ParticipantDirectory directory,
                      HubMessages messages, @Lazy IntakeService intake, Ledger ledger, TransactionTemplate tx) {
        this.store = store;
        this.guard = guard;
        this.directory = directory;
        this.messages = messages;
        this.intake = intake;
        this.ledger = ledger;
        this.tx = tx;
    }

    /** A whole batch in one transaction: ledger entry, records, deliveries. */
    public FeedResult ingest(Participant core, String batchId, List<FeedRecord> records, byte[] raw) {
        return ingest(core, batchId, records, raw, true);
    }

    /**
     * @param validate false when the records passed the model's checks already (a file's mapping does that); the
     *                 debtor is checked either way
     */
    public FeedResult ingest(Participant core, String batchId, List<FeedRecord> records, byte[] raw, boolean validate) {
        return ingestHashed(core, batchId, records, Hashes.sm3(raw), validate);
    }

    /**
     * As {@link #ingest(Participant, String, List, byte[], boolean)}, with the SM3 hash of the batch's bytes made by
     * the caller (a file's next chunk is hashed while this one is stored).
     *
     * <p>The ledger indexes the batch without a row per payable: each new payable's row names the batch's entry, the
     * other records are indexed by their subjects, and each funder's batch by {@link Ledger#feedSubject} for every
     * supplier whose records it carries (see {@link Ledger#history}).
     */
    public FeedResult ingestHashed(Participant core, String batchId, List<FeedRecord> records, String rawHash,
                                   boolean validate) {
        return ingestHashed(core, batchId, records, rawHash, validate, null);
    }

    /**
     * @param plan the batch's deliveries made beforehand ({@link #plan}) from records already checked ({@code validate}
     *             false), used when every record is new; null to make them here
     */
    FeedResult ingestHashed(Participant core, String batchId, List<FeedRecord> records, String rawHash,
                            boolean validate, Plan plan) {
        return tx.execute(status -> {
            LedgerEntry in = ledger.appendHashed(Direction.IN, batchId, MessageType.FEED_BATCH.name(), core.code(),
                    List.of(), rawHash, null, List.of());
            if (plan != null && !validate) {
                List<Payable> payables = new ArrayList<>(records.size());
                for (FeedRecord r : records) {
                    payables.add((Payable) r.record());
                }
                List<Object> accepted = new ArrayList<>(records.size());
                int duplicates = storePayables(payables, accepted, in.seq());
                if (duplicates == 0) {
                    send(plan, in.seq());
                } else {
                    for (Outgoing out : deliveries(core, batchId, accepted, in.seq())) {
                        intake.send(out);
                    }
                }
                return new FeedResult(batchId, records.size(), accepted.size(), duplicates, List.of());
            }
            List<RecordError> rejected = new ArrayList<>();
            List<Object> accepted = new ArrayList<>(records.size());
            int duplicates = 0;
            Set<String> subjects = new LinkedHashSet<>();
            // Consecutive payables are stored together, in one statement; anything else in order, one by one, so an
            // adjustment or payment still finds the payable sent before it in the same batch.
            List<Payable> payables = new ArrayList<>();
            for (FeedRecord r : records) {
                List<RecordError> errors = validate ? check(core, r) : checkDebtor(core, r);
                if (!errors.isEmpty()) {
                    rejected.addAll(errors);
                } else if (r.record() instanceof Payable p) {
                    payables.add(p);
                } else {
                    duplicates += storePayables(payables, accepted, in.seq());
                    if (store(r.record())) {
                        accepted.add(r.record());
                        subjects.add(subject(r.record()));
                    } else {
                        duplicates++;
                    }
                }
            }
            duplicates += storePayables(payables, accepted, in.seq());
            ledger.index(in.seq(), subjects);
            for (Outgoing out : deliveries(core, batchId, accepted, in.seq())) {
                intake.send(out);
            }
            return new FeedResult(batchId, records.size(), accepted.size(), duplicates, rejected);
        });
    }

    /**
     * The plan of a batch of payables only, each from this core enterprise (a file chunk); null for anything else, which
     * is delivered as it is stored.
     */
    Plan plan(Participant core, String batchId, List<FeedRecord> records) {
        List<Object> payables = new ArrayList<>(records.size());
        for (FeedRecord r : records) {
            if (!(r.record() instanceof Payable p) || !core.code().equals(p.key().debtorCode())) {
                return null;
            }
            payables.add(p);
        }
        List<PlannedBatch> batches = new ArrayList<>();
        buckets(core, payables).forEach((funderCode, b) -> directory.byCode(funderCode).ifPresent(funder -> {
            Envelope envelope = messages.envelopeToWrite(MessageType.FEED_BATCH, funderCode, batchId,
                    new FeedBatch(batchId + "/" + funderCode, core.code(), b.payables, b.adjustments, b.payments,
                            b.accounts));
            byte[] body = intake.bodyOf(envelope);
            batches.add(new PlannedBatch(funder, envelope, body, Hashes.sm3(body), b));
        }));
        return new Plan(batches);
    }

    /** Writes the planned batches, indexed by the incoming entry and their suppliers. */
    private void send(Plan plan, long inSeq) {
        for (PlannedBatch b : plan.batches()) {
            intake.sendWritten(Outgoing.toQueue(b.envelope(), b.funder()).indexedBy(b.records().subjects(inSeq)),
                    b.body(), b.bodyHash());
        }
    }

    /** Stores the payables gathered so far, naming the batch's ledger entry, and empties the list; returns how many
     * were there already. */
    private int storePayables(List<Payable> payables, List<Object> accepted, long ledgerSeq) {
        if (payables.isEmpty()) {
            return 0;
        }
        boolean[] added = store.addPayables(payables, ledgerSeq);
        int duplicates = 0;
        for (int i = 0; i < added.length; i++) {
            if (added[i]) {
                accepted.add(payables.get(i));
            } else {
                duplicates++;
            }
        }
        payables.clear();
        return duplicates;
    }

    /** The problems of one record: its own checks, and that the sender is its debtor. */
    public List<RecordError> check(Participant core, FeedRecord r) {
        List<RecordError> errors = new ArrayList<>();
        for (Violation v : ModelValidator.validate(r.record())) {
            errors.add(new RecordError(r.ref(), v.field(), v.reason()));
        }
        return errors.isEmpty() ? checkDebtor(core, r) : errors;
    }

    private static List<RecordError> checkDebtor(Participant core, FeedRecord r) {
        String debtor = debtor(r.record());
        if (core.code().equals(debtor)) {
            return List.of();
        }
        return List.of(new RecordError(r.ref(), "debtorCode", "'" + debtor + "' is not the sender " + core.code()
                + ": a core enterprise sends only its own payables"));
    }

    /** Stores a checked record; false when it was there already. */
    public boolean store(Object record) {
        if (record instanceof Payable p) {
            return store.addPayable(p);
        } else if (record instanceof Adjustment a) {
            return store.addAdjustment(a);
        } else if (record instanceof Payment p) {
            return store.addPayment(p);
        } else if (record instanceof CollectionAccount c) {
            return store.addCollectionAccount(c);
        }
        throw new IllegalArgumentException("not a feed record: " + record.getClass().getSimpleName());
    }

    /** One FEED_BATCH per funder that may see some of the records, with just those records. */
    public List<Outgoing> deliveries(Participant core, String batchId, List<Object> accepted) {
        return deliveries(core, batchId, accepted, null);
    }

    /**
     * @param inSeq the ledger entry of the incoming batch that accepted the records; when given, each funder's batch
     *              is indexed by {@link Ledger#feedSubject} for the suppliers whose receivables it carries because the
     *              funder sees the supplier, and by the record's own subject otherwise (a funder's claim, an account)
     */
    private List<Outgoing> deliveries(Participant core, String batchId, List<Object> accepted, Long inSeq) {
        List<Outgoing> out = new ArrayList<>();
        buckets(core, accepted).forEach((funderCode, b) -> directory.byCode(funderCode).ifPresent(funder -> {
            FeedBatch batch = new FeedBatch(batchId + "/" + funderCode, core.code(), b.payables, b.adjustments,
                    b.payments, b.accounts);
            out.add(inSeq == null
                    ? Outgoing.toQueue(messages.envelope(MessageType.FEED_BATCH, funderCode, batchId, batch), funder)
                    : Outgoing.toQueue(messages.envelopeToWrite(MessageType.FEED_BATCH, funderCode, batchId, batch),
                            funder).indexedBy(b.subjects(inSeq)));
        }));
        return out;
    }

    /**
     * The records each funder sees, by funder: those of the suppliers it has an active relationship with, and an
     * adjustment or payment on a receivable it financed.
     */
    private Map<String, Buckets> buckets(Participant core, List<Object> accepted) {
        Set<String> suppliers = new LinkedHashSet<>();
        for (Object record : accepted) {
            suppliers.add(creditor(record));
        }
        Map<String, List<String>> fundersOfSupplier = suppliers.isEmpty() ? Map.of()
                : store.fundersSeeing(core.code(), suppliers);
        Map<String, Buckets> byFunder = new LinkedHashMap<>();
        for (Object record : accepted) {
            String supplier = creditor(record);
            List<String> seeing = fundersOfSupplier.getOrDefault(supplier, List.of());
            for (String funder : seeing) {
                byFunder.computeIfAbsent(funder, f -> new Buckets()).seen(record, supplier);
            }
            if (record instanceof Adjustment || record instanceof Payment) {
                guard.active(subject(record)).map(claim -> claim.funderCode()).filter(f -> !seeing.contains(f))
                        .ifPresent(funder -> byFunder.computeIfAbsent(funder, f -> new Buckets()).financed(record));
            }
        }
        return byFunder;
    }

    private static String debtor(Object record) {
        if (record instanceof CollectionAccount c) {
            return c.debtorCode();
        }
        return ((KeyedByReceivable) record).key().debtorCode();
    }

    private static String creditor(Object record) {
        if (record instanceof CollectionAccount c) {
            return c.creditorCode();
        }
        return ((KeyedByReceivable) record).key().creditorCode();
    }

    private static String subject(Object record) {
        if (record instanceof CollectionAccount c) {
            return "account:" + c.creditorCode() + "/" + c.debtorCode();
        }
        ReceivableKey k = ((KeyedByReceivable) record).key();
        return Subjects.receivable(k.creditorCode(), k.debtorCode(), k.documentNumber());
    }

    /**
     * The records of one funder's batch, by kind, and what indexes the batch in the ledger: the suppliers whose
     * receivables it carries because the funder sees them ({@link Ledger#feedSubject}), and the own subject of any
     * other record (an account, a record of a receivable the funder financed).
     */
    static final class Buckets {
        final List<Payable> payables = new ArrayList<>();
        final List<Adjustment> adjustments = new ArrayList<>();
        final List<Payment> payments = new ArrayList<>();
        final List<CollectionAccount> accounts = new ArrayList<>();
        final Set<String> suppliers = new LinkedHashSet<>();
        final Set<String> ownSubjects = new LinkedHashSet<>();

        /** A record the funder sees through its relationship with the supplier. */
        void seen(Object record, String supplier) {
            if (record instanceof KeyedByReceivable) {
                suppliers.add(supplier);
            } else {
                ownSubjects.add(subject(record));
            }
            add(record);
        }

        /** An adjustment or payment of a receivable the funder financed, without a relationship with its supplier. */
        void financed(Object record) {
            ownSubjects.add(subject(record));
            add(record);
        }

        List<String> subjects(long inSeq) {
            List<String> subjects = new ArrayList<>(suppliers.size() + ownSubjects.size());
            for (String supplier : suppliers) {
                subjects.add(Ledger.feedSubject(inSeq, supplier));
            }
            subjects.addAll(ownSubjects);
            return subjects;
        }

        private void add(Object record) {
            if (record instanceof Payable p) {
                payables.add(p);
            } else if (record instanceof Adjustment a) {
                adjustments.add(a);
            } else if (record instanceof Payment p) {
                payments.add(p);
            } else {
                accounts.add((CollectionAccount) record);
            }
        }
    }
}
