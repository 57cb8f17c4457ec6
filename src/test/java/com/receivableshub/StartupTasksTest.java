package com.receivableshub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Slow parts of the start run beside it; the start waits for all of them and fails with the first failure. */
class StartupTasksTest {

    @Test
    void theStartWaitsUntilEveryTaskIsDone() throws Exception {
        StartupTasks tasks = new StartupTasks();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        AtomicReference<String> thread = new AtomicReference<>();
        CompletableFuture<Void> task = tasks.run("slow", () -> {
            thread.set(Thread.currentThread().getName());
            running.countDown();
            release.await();
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(thread.get()).startsWith("startup-").isNotEqualTo(Thread.currentThread().getName());

        CompletableFuture<Void> start = CompletableFuture.runAsync(tasks::afterSingletonsInstantiated);
        // still held by the task
        assertThat(task).isNotDone();
        assertThat(start).isNotDone();
        release.countDown();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(start::isDone);
        assertThat(start).isCompleted();
        assertThat(task).isCompleted();
    }

    @Test
    void aTaskThatFailsFailsTheStartWithItsException() {
        StartupTasks tasks = new StartupTasks();
        tasks.run("fine", () -> { });
        tasks.run("database migration", () -> {
            throw new IllegalStateException("migration V9 failed");
        });
        tasks.run("embedded broker", () -> {
            throw new IOException("port taken");
        });
        assertThatThrownBy(tasks::afterSingletonsInstantiated)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("migration V9 failed")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .isInstanceOf(IOException.class).hasFieldOrPropertyWithValue("message", "port taken"));
    }

    @Test
    void aCheckedFailureIsReportedWithTheTasksName() {
        StartupTasks tasks = new StartupTasks();
        tasks.run("embedded broker", () -> {
            throw new IOException("port taken");
        });
        assertThatThrownBy(tasks::afterSingletonsInstantiated)
                .hasMessage("embedded broker failed: port taken")
                .hasCauseInstanceOf(IOException.class);
    }
}
