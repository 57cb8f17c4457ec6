package com.receivableshub.trust;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Independent pieces of work (key pairs and certificates) run on as many threads as there are processors, so that
 * a fresh data folder's demo authority is made on every core instead of one. Results come back in the order of the
 * input; the first failure, in that order, is thrown as it was thrown, once every piece has stopped.
 */
final class Parallel {

    /** One piece of work that may fail with an I/O error. */
    @FunctionalInterface
    interface Work<T, R> {
        R apply(T item) throws IOException;
    }

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final Logger LOG = LoggerFactory.getLogger(Parallel.class);

    private Parallel() {
    }

    static <T, R> List<R> map(List<T> items, Work<T, R> work) throws IOException {
        int threads = Math.min(items.size(), Runtime.getRuntime().availableProcessors());
        if (threads <= 1) {
            List<R> results = new ArrayList<>(items.size());
            for (T item : items) {
                results.add(work.apply(item));
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "demo-pki-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(pool.submit(() -> work.apply(item)));
            }
            List<R> results = new ArrayList<>(items.size());
            for (Future<R> future : futures) {
                results.add(join(future));
            }
            return results;
        } finally {
            // On a failure the pieces still running are stopped and waited for: nothing is written after this returns.
            pool.shutdownNow();
            try {
                if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    // not thrown: it would hide the failure that stopped the work, if any
                    LOG.warn("the demo authority's threads did not stop within a minute");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static <R> R join(Future<R> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the demo authority", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }
}
