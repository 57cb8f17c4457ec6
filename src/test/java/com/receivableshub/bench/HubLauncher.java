package com.receivableshub.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hub as a separate process, started the way production starts it: with {@code bench.hubApp} (set by
 * {@code bench/run}) the extracted jar of that folder with its class data sharing archive
 * ({@code java @config/jvm.options -XX:SharedArchiveFile=<folder>/receivables-hub.jsa -jar
 * <folder>/receivables-hub.jar}, see {@code docker/cds-archive.sh}); without it (in the test suite) its main class on
 * the runtime classpath. Either way with the hub's JVM options ({@code config/jvm.options}), the repository's routes,
 * adapters and mappings and the given JVM options and properties; its output goes to a log file in the run's
 * scratch directory.
 */
final class HubLauncher implements AutoCloseable {

    private static final Pattern GC_BEFORE = Pattern.compile("\\) ([0-9]+)M->[0-9]+M\\([0-9]+M\\)");
    private static final Pattern HEAP_VALUE = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+-]+)");

    private final Process process;
    private final int httpPort;
    private final int brokerPort;
    private final Path dataDir;
    private final Path log;
    private final long startedNanos;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private HubLauncher(Process process, int httpPort, int brokerPort, Path dataDir, Path log, long startedNanos) {
        this.process = process;
        this.httpPort = httpPort;
        this.brokerPort = brokerPort;
        this.dataDir = dataDir;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    /** The classpath the hub runs on: its classes and runtime libraries. */
    static String hubClasspath() {
        String explicit = System.getProperty("bench.hubClasspath");
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        // Under Surefire the JVM's own classpath is a manifest-only jar; Surefire names the real one here.
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** The extracted jar with its class data sharing archive, when the benchmark made one; else null. */
    static Path hubApp() {
        String app = System.getProperty("bench.hubApp");
        if (app == null || app.isBlank()) {
            return null;
        }
        Path dir = Path.of(app).toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve("receivables-hub.jar"))) {
            throw new IllegalStateException("bench.hubApp=" + app + " holds no receivables-hub.jar");
        }
        return dir;
    }

    static HubLauncher start(Path dataDir, List<String> jvmOptions, Map<String, String> properties, String name)
            throws IOException {
        Files.createDirectories(dataDir);
        int httpPort = freePort();
        int brokerPort = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The hub's production JVM options (collector, compiler), then the part's own.
        command.add("@" + Path.of("config", "jvm.options").toAbsolutePath());
        command.addAll(jvmOptions);
        // The heap before each collection is its peak between collections: read from the GC log, nothing polled.
        Path gcLog = dataDir.resolveSibling(name + "-gc.log");
        command.add("-Xlog:gc:file=" + gcLog);
        Path app = hubApp();
        if (app != null) {
            command.add("-XX:SharedArchiveFile=" + app.resolve("receivables-hub.jsa"));
            command.add("-jar");
            command.add(app.resolve("receivables-hub.jar").toString());
        } else {
            command.add("-cp");
            command.add(hubClasspath());
            command.add("com.receivableshub.ReceivablesHubApplication");
        }
        command.add("--server.port=" + httpPort);
        command.add("--hub.data-dir=" + dataDir);
        command.add("--hub.broker.port=" + brokerPort);
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        Path log = dataDir.resolveSibling(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        long started = System.nanoTime();
        return new HubLauncher(builder.start(), httpPort, brokerPort, dataDir, log, started);
    }

    /** Waits until /actuator/health says UP; returns the seconds since the process was started. */
    double awaitUp(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest health = HttpRequest.newBuilder(URI.create(base() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the hub exited with " + process.exitValue() + " before it was up; see "
                        + log + ":\n" + tail());
            }
            try {
                HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().startsWith("{\"status\":\"UP\"")) {
                    return (System.nanoTime() - startedNanos) / 1e9;
                }
            } catch (IOException e) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new IllegalStateException("the hub was not UP within " + timeout + "; see " + log + ":\n" + tail());
    }

    /** The CPU time the hub's process has used so far, all its threads (JIT compilers included), in seconds. */
    double cpuSeconds() {
        return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9)
                .orElseThrow(() -> new IllegalStateException("the platform does not tell a process's CPU time"));
    }

    /** The heap in use now, in bytes, as the hub's own metrics say. */
    long heapUsed() throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base() + "/actuator/metrics/jvm.memory.used?tag=area:heap"))
                .timeout(Duration.ofSeconds(5)).build();
        String body = http.send(r, HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = HEAP_VALUE.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no heap figure in " + body);
        }
        return (long) Double.parseDouble(m.group(1));
    }

    /** The largest heap the hub had, in bytes: the most before any collection, or now if more. */
    long peakHeap() throws Exception {
        long peak = heapUsed();
        Path gcLog = log.resolveSibling(log.getFileName().toString().replace(".log", "-gc.log"));
        if (Files.exists(gcLog)) {
            Matcher m = GC_BEFORE.matcher(Files.readString(gcLog));
            while (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(1)) * 1024 * 1024);
            }
        }
        return peak;
    }

    /** Waits for the hub to exit by itself; returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the hub did not exit within " + timeout + "; see " + log + ":\n" + tail());
        }
        return process.exitValue();
    }

    boolean alive() {
        return process.isAlive();
    }

    String base() {
        return "http://127.0.0.1:" + httpPort;
    }

    String brokerUrl() {
        return "tcp://127.0.0.1:" + brokerPort;
    }

    Path dataDir() {
        return dataDir;
    }

    Path log() {
        return log;
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
