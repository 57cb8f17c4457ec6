package com.receivableshub.support;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A hub as its own operating-system process ({@code java -cp <the build's class path>
 * com.receivableshub.ReceivablesHubApplication}), started in the project folder with its own data folder (H2 file
 * database and broker journal inside it), an HTTP and a broker port of its own. Tests kill it with SIGKILL
 * ({@link #kill()}) or stop it with SIGTERM ({@link #stop()}) and start it again on the same data folder.
 */
public final class HubOsProcess implements AutoCloseable {

    private final Path dataDir;
    private final int httpPort;
    private final int brokerPort;
    private final Map<String, Object> extra;
    private Process process;
    private int starts;

    public HubOsProcess(Path dataDir, Map<String, Object> extra) {
        this.dataDir = dataDir.toAbsolutePath();
        this.httpPort = HubTestSupport.freePort();
        this.brokerPort = HubTestSupport.freePort();
        this.extra = new LinkedHashMap<>(extra);
    }

    /**
     * Starts the process and waits until Spring Boot reports it started (routes, broker and HTTP all up). The health
     * endpoint is no signal here: Camel reports a file consumer busy with its first poll (a large file taken again
     * after a restart) as not ready.
     */
    public HubOsProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the hub is running already");
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("server.port", httpPort);
        props.put("hub.data-dir", dataDir);
        props.put("hub.broker.port", brokerPort);
        props.put("hub.secrets.generate-missing", true);
        props.putAll(extra);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + dataDir.resolve("tmp"),
                "-cp", classPath(), "com.receivableshub.ReceivablesHubApplication"));
        props.forEach((k, v) -> command.add("--" + k + "=" + v));
        try {
            Files.createDirectories(dataDir.resolve("tmp"));
            File log = log().toFile();
            process = new ProcessBuilder(command)
                    .directory(Path.of("").toAbsolutePath().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        starts++;
        Process started = process;
        await("hub process start #" + starts + " (log: " + log() + ")").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException("the hub exited with " + started.exitValue() + " at start; "
                                + "see " + log());
                    }
                    return startedCount() >= starts;
                });
        return this;
    }

    /** SIGKILL: the process gets no chance to finish anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the hub did not die within 30 s of SIGKILL");
        }
    }

    /** SIGTERM: a graceful stop; returns the exit code once the process has ended. */
    public int stop(Duration within) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the hub did not stop within " + within + " of SIGTERM; see " + log());
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    private long startedCount() throws IOException {
        try (var lines = Files.lines(log(), StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains("Started ReceivablesHubApplication")).count();
        } catch (java.io.UncheckedIOException e) {
            return 0; // a line cut in the middle of a multi-byte character while being written
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public String brokerUrl() {
        return "tcp://127.0.0.1:" + brokerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path log() {
        return dataDir.resolve("hub-process.log");
    }

    /** A secret the hub generated in its data folder (tests run with hub.secrets.generate-missing). */
    public String secret(String fileName) {
        try {
            return Files.readString(dataDir.resolve("secrets").resolve(fileName), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hub's H2 database, for counting after the process has stopped (or beside it: AUTO_SERVER). */
    public String jdbcUrl() {
        return "jdbc:h2:file:" + dataDir.resolve("db").resolve("hub")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
    }

    public int starts() {
        return starts;
    }

    /** The build's class path without the test classes: the hub runs as it is packaged. */
    static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        return Arrays.stream(cp.split(File.pathSeparator))
                .filter(e -> !e.isBlank() && !Path.of(e).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
