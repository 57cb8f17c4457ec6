package com.receivableshub.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.MDC;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: units of work that arrive together share one database transaction, so that one commit (one WAL
 * flush) and one pass over the ledger's head-row lock serve them all, instead of each waiting for the previous one's
 * commit while holding that lock. Each caller still returns only after the transaction holding its work committed.
 *
 * <p>The thread that finds no transaction running leads: it takes what is queued (its own work and whatever arrived
 * meanwhile, up to {@code maxBatch}), runs the whole group through {@code batch} in one transaction and hands the
 * results back; the others wait. Handing {@code batch} the group at once lets it write the group's rows with one
 * statement per table. When it fails, the whole transaction is rolled back and every unit of that group runs again
 * alone, through {@code batch} with a group of one, in its own transaction, so a failing unit fails alone and the
 * others go through, exactly as without grouping.
 *
 * @param <U> a unit of work
 * @param <R> its result
 */
final class GroupCommit<U, R> {

    private final TransactionTemplate tx;
    private final int maxBatch;
    private final Function<List<U>, List<R>> batch;
    private final ReentrantLock leader = new ReentrantLock();
    private final Queue<Work<U, R>> queue = new ConcurrentLinkedQueue<>();

    /**
     * @param batch does the units' work inside the open transaction and returns one result per unit, in order; a
     *              unit's log context (MDC) is the leader's while it runs
     */
    GroupCommit(TransactionTemplate tx, int maxBatch, Function<List<U>, List<R>> batch) {
        this.tx = tx;
        this.maxBatch = Math.max(1, maxBatch);
        this.batch = batch;
    }

    /** Runs {@code unit} in a transaction, perhaps shared with others; returns once that transaction committed. */
    R run(U unit) {
        Work<U, R> mine = new Work<>(unit);
        queue.add(mine);
        while (!mine.done) {
            if (leader.tryLock()) {
                try {
                    while (!mine.done) {
                        execute(drain());
                    }
                } finally {
                    leader.unlock();
                }
                Work<U, R> next = queue.peek();
                if (next != null) {
                    next.wake(); // someone has to lead what came in while this thread was leading
                }
            } else {
                mine.await();
            }
        }
        return mine.outcome();
    }

    private List<Work<U, R>> drain() {
        List<Work<U, R>> group = new ArrayList<>();
        for (Work<U, R> w = queue.poll(); w != null; w = group.size() < maxBatch ? queue.poll() : null) {
            group.add(w);
        }
        return group;
    }

    private void execute(List<Work<U, R>> group) {
        if (group.isEmpty()) {
            return;
        }
        if (group.size() == 1) {
            alone(group.get(0));
            return;
        }
        List<R> results;
        try {
            results = inTransaction(group.stream().map(w -> w.unit).toList());
        } catch (RuntimeException | Error e) {
            for (Work<U, R> w : group) {
                alone(w);
            }
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).succeed(results.get(i));
        }
    }

    private void alone(Work<U, R> w) {
        try {
            w.succeed(inTransaction(List.of(w.unit)).get(0));
        } catch (RuntimeException | Error e) {
            w.fail(e);
        }
    }

    private List<R> inTransaction(List<U> units) {
        Map<String, String> leaderMdc = MDC.getCopyOfContextMap();
        try {
            List<R> results = tx.execute(status -> batch.apply(units));
            if (results == null || results.size() != units.size()) {
                throw new IllegalStateException("a group of " + units.size() + " units gave "
                        + (results == null ? "no" : results.size()) + " results");
            }
            return results;
        } finally {
            restore(leaderMdc);
        }
    }

    static void restore(Map<String, String> mdc) {
        if (mdc == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(mdc);
        }
    }

    /** One caller's unit of work, its outcome, and the signal its caller waits for. */
    private static final class Work<U, R> {

        private final U unit;
        private volatile boolean done;
        private R result;
        private Throwable failure;
        private boolean woken;

        Work(U unit) {
            this.unit = unit;
        }

        synchronized void succeed(R value) {
            result = value;
            done = true;
            notifyAll();
        }

        synchronized void fail(Throwable e) {
            failure = e;
            done = true;
            notifyAll();
        }

        synchronized void wake() {
            woken = true;
            notifyAll();
        }

        /** Until the work is done, or this caller should try to lead. */
        synchronized void await() {
            boolean interrupted = false;
            while (!done && !woken) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    // the work may already be in a transaction: its caller must learn how it ended
                    interrupted = true;
                }
            }
            woken = false;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized R outcome() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return result;
        }
    }
}
