package com.receivableshub;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Slow parts of the start that need nothing else of the context once their bean exists (the embedded broker's
 * start, Flyway's migration) run on a thread of their own while the main thread creates the rest of the beans.
 * Once every bean exists ({@link #afterSingletonsInstantiated}, before the web server, the routes and the JMS
 * consumers start), the start waits for them; a task that failed fails the start with its own exception. So health
 * UP still means the database is migrated and the broker is up.
 *
 * <p>Spring's own background bootstrap ({@code @Bean(bootstrap = BACKGROUND)}) runs a bean's whole creation on
 * another thread and refuses (throws) when a bean of the main thread asks for it before its turn came, as Spring
 * Boot's JMS connection factory asks for the broker bean; here the bean itself is made on the main thread, as before,
 * and only the slow call runs beside it.
 */
@Component
public class StartupTasks implements SmartInitializingSingleton {

    /** A task of the start; may throw anything. */
    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(StartupTasks.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final List<Running> running = new ArrayList<>();

    private record Running(String name, CompletableFuture<Void> done) {
    }

    /** Starts {@code task} on a thread of its own; the start waits for it before anything is started. */
    public synchronized CompletableFuture<Void> run(String name, Task task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            long started = System.nanoTime();
            try {
                task.run();
                LOG.debug("{} done in {} ms", name, (System.nanoTime() - started) / 1_000_000);
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "startup-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
        running.add(new Running(name, done));
        return done;
    }

    /** Waits for every task; the first that failed, in the order they were started, fails the start. */
    @Override
    public void afterSingletonsInstantiated() {
        awaitAll();
    }

    synchronized void awaitAll() {
        RuntimeException failure = null;
        for (Running r : running) {
            try {
                r.done().join();
            } catch (CompletionException e) {
                Throwable cause = e.getCause();
                if (failure == null) {
                    failure = cause instanceof RuntimeException re ? re
                            : new IllegalStateException(r.name() + " failed: " + cause.getMessage(), cause);
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        running.clear();
        if (failure != null) {
            throw failure;
        }
    }

    /** Waits for one task before a bean that depends on it is stopped; its failure was reported at the start. */
    public static void awaitQuietly(CompletableFuture<Void> task) {
        try {
            task.join();
        } catch (CompletionException e) {
            // reported by afterSingletonsInstantiated
        }
    }
}
