package com.receivableshub.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.MDC;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: units of work that arrive together share one database transaction, so that one commit (one WAL
 * flush) and one pass over the ledger's head-row lock serve them all, instead of each waiting for the previous one's
 * commit while holding that lock. Each caller still returns only after the transaction holding its work committed.
 *
 * <p>The thread that finds no transaction running leads: it takes what is queued (its own work and whatever arrived
 * meanwhile, up to {@code maxBatch}), runs it in one transaction and hands the results back; the others wait. When
 * one unit fails, the whole transaction is rolled back and every unit of that batch runs again alone, in its own
 * transaction, so a failing unit fails alone and the others go through, exactly as without grouping.
 */
final class GroupCommit {

    private final TransactionTemplate tx;
    private final int maxBatch;
    private final ReentrantLock leader = new ReentrantLock();
    private final Queue<Work<?>> queue = new ConcurrentLinkedQueue<>();

    GroupCommit(TransactionTemplate tx, int maxBatch) {
        this.tx = tx;
        this.maxBatch = Math.max(1, maxBatch);
    }

    /** Runs {@code work} in a transaction, perhaps shared with others; returns once that transaction committed. */
    <T> T run(Supplier<T> work) {
        Work<T> mine = new Work<>(work, MDC.getCopyOfContextMap());
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
                Work<?> next = queue.peek();
                if (next != null) {
                    next.wake(); // someone has to lead what came in while this thread was leading
                }
            } else {
                mine.await();
            }
        }
        return mine.outcome();
    }

    private List<Work<?>> drain() {
        List<Work<?>> batch = new ArrayList<>();
        for (Work<?> w = queue.poll(); w != null; w = batch.size() < maxBatch ? queue.poll() : null) {
            batch.add(w);
        }
        return batch;
    }

    private void execute(List<Work<?>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        if (batch.size() == 1) {
            alone(batch.get(0));
            return;
        }
        Map<String, String> leaderMdc = MDC.getCopyOfContextMap();
        List<Object> results;
        try {
            results = tx.execute(status -> {
                List<Object> out = new ArrayList<>(batch.size());
                for (Work<?> w : batch) {
                    out.add(w.call());
                }
                return out;
            });
        } catch (RuntimeException | Error e) {
            restore(leaderMdc);
            for (Work<?> w : batch) {
                alone(w);
            }
            return;
        }
        restore(leaderMdc);
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).succeed(results.get(i));
        }
    }

    private void alone(Work<?> w) {
        Map<String, String> leaderMdc = MDC.getCopyOfContextMap();
        try {
            w.succeed(tx.execute(status -> w.call()));
        } catch (RuntimeException | Error e) {
            w.fail(e);
        } finally {
            restore(leaderMdc);
        }
    }

    private static void restore(Map<String, String> mdc) {
        if (mdc == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(mdc);
        }
    }

    /** One caller's unit of work, its outcome, and the signal its caller waits for. */
    private static final class Work<T> {

        private final Supplier<T> body;
        private final Map<String, String> mdc;
        private volatile boolean done;
        private Object result;
        private Throwable failure;
        private boolean woken;

        Work(Supplier<T> body, Map<String, String> mdc) {
            this.body = body;
            this.mdc = mdc;
        }

        /** Runs the body on the leading thread, with the log context of the thread that asked. */
        Object call() {
            restore(mdc);
            return body.get();
        }

        synchronized void succeed(Object value) {
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

        @SuppressWarnings("unchecked")
        synchronized T outcome() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return (T) result;
        }
    }
}
