package com.receivableshub.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.receivableshub.mapping.CsvLayout;
import com.receivableshub.mapping.CsvRecordReader;
import com.receivableshub.mapping.LineResult;
import com.receivableshub.mapping.MappedLine;
import com.receivableshub.mapping.PayablesFileGenerator;
import com.receivableshub.model.Payable;
import com.receivableshub.participant.FunderQueues;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.postgresql.PGConnection;

/**
 * ERP file ingest end to end: a generated payables file of N lines (about 300 bytes each) dropped in the inbox of
 * the demo group, whose 500 suppliers each have an active relationship with one of the three funders; the hub runs
 * as a separate process as in production (PostgreSQL, embedded broker, {@code -Xmx512m}); the clock stops when the
 * funders' consumers have taken every accepted line off their queues. Then the limit, in the same run: the same rows
 * COPY'd into the same database, plus the same number of messages of the same sizes sent durably to the same broker
 * by a plain JMS producer in transactions of the same size as the relay's.
 */
public final class IngestBench implements BenchPart {

    static final String CORE = "91350100705432100M";
    static final String LAYOUT = "mappings/erp-fujian-demo-group-payables.yaml";
    /** Messages per JMS transaction in the limit: the relay's default batch of queue sends. */
    static final int JMS_BATCH = 64;
    static final String HUB_HEAP = "-Xmx512m";
    /** The warm-up file's payables are numbered from here, apart from the timed file's (AP-2025-00000001 on). */
    static final long WARM_UP_FIRST_DOCUMENT = 900_000_001L;

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public void run(BenchOptions options, BenchReport report) throws Exception {
        Path dir = Files.createDirectories(options.workDir().resolve("ingest"));
        long lines = options.lines();
        CsvLayout layout = CsvLayout.load(Path.of(LAYOUT));
        PayablesFileGenerator generator = PayablesFileGenerator.of(layout).seed(7);
        Path file = dir.resolve("payables-bench.csv");
        generator.write(file, lines);
        report.figure("ingest.file_mb", Math.round(Files.size(file) / 1e5) / 10.0, "MB");
        Path copyRows = dir.resolve("payables.copy");
        long valid = copyRows(layout, file, copyRows);

        Map<String, String> props = new HashMap<>();
        props.put("spring.profiles.active", "postgres");
        props.put("spring.datasource.url", options.jdbcUrl());
        props.put("spring.datasource.username", Bench.PG_USER);
        props.put("hub.erp-files.poll-ms", "250");
        // Nothing in this run sends to the hub's inbound address except the limit's plain producer: not consumed.
        props.put("camel.main.routes-exclude-pattern", "file:${hub.home}/routes/funder-inbound.yaml");
        List<String> jvm = new ArrayList<>(List.of(HUB_HEAP));
        String extra = System.getenv("HUB_BENCH_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            jvm.addAll(List.of(extra.trim().split("\\s+")));
        }
        try (HubLauncher hub = HubLauncher.start(dir.resolve("data"), jvm, props, "ingest-hub")) {
            hub.awaitUp(Duration.ofMinutes(10));
            List<Funder> funders = funders(hub.dataDir());
            seedRelationships(options.jdbcUrl(), generator.supplierCodes(), funders);

            Path root = hub.dataDir().resolve("erp").resolve(CORE);
            Path inbox = Files.createDirectories(root.resolve("inbox"));
            long warmUpLines = warmUpLines(lines);
            if (warmUpLines > 0) {
                // A smaller file of other payables of the same suppliers first, not timed: a hub in production has
                // taken files before, and on a fresh one the JIT compilers took about a third of the hub's CPU while
                // the first file was read (BENCHMARKS.md).
                Path warm = dir.resolve("payables-warmup.csv");
                generator.documentsFrom(WARM_UP_FIRST_DOCUMENT).write(warm, warmUpLines);
                Consumers warmConsumers = new Consumers(hub.brokerUrl(), funders);
                Dropped warmed = drop(hub, warm, inbox, root, warmConsumers, warmUpLines);
                warmConsumers.drainAndClose(Duration.ofSeconds(1));
                if (warmed.counts().getOrDefault("accepted", -1L) != warmUpLines) {
                    throw new IllegalStateException("the warm-up file of " + warmUpLines + " lines: the hub answered "
                            + warmed.counts());
                }
                report.figure("ingest.warmup_lines", warmUpLines, "lines");
                report.figure("ingest.warmup_seconds", round(warmed.seconds()), "s");
            }
            Consumers consumers = new Consumers(hub.brokerUrl(), funders);
            double hubCpu0 = hub.cpuSeconds();
            Map<Long, Double> dbCpu0 = databaseCpu();
            Dropped timed = drop(hub, file, inbox, root, consumers, lines);
            double hubCpu = hub.cpuSeconds() - hubCpu0;
            double dbCpu = cpuSince(dbCpu0, databaseCpu());
            Map<String, Long> counts = timed.counts();
            double seconds = timed.seconds();
            consumers.drainAndClose(Duration.ofSeconds(1));
            long accepted = counts.get("accepted");
            if (counts.get("lines") != lines || accepted != valid || consumers.lines() != accepted) {
                throw new IllegalStateException("counts do not match: file " + lines + " lines, " + valid
                        + " valid; the hub answered " + counts + "; the funders consumed " + consumers.lines());
            }
            double hubRate = lines / seconds;
            report.figure("ingest.lines", lines, "lines");
            report.figure("ingest.accepted", accepted, "lines");
            report.figure("ingest.consumed", consumers.lines(), "lines");
            report.figure("ingest.messages", consumers.sizes().size(), "messages");
            report.figure("ingest.seconds", round(seconds), "s");
            report.figure("ingest.lines_per_s", Math.round(hubRate), "lines/s");
            // Where the work went, whatever else ran on the machine: the hub's process and the database's processes.
            report.figure("ingest.hub_cpu_seconds", round(hubCpu), "s");
            report.figure("ingest.db_cpu_seconds", round(dbCpu), "s");
            report.figure("ingest.peak_heap_mb", Math.round(hub.peakHeap() / 1048576.0), "MB");

            // The limit: the fastest bulk path into the same database and the same broker, one after the other.
            double copySeconds = copy(options.jdbcUrl(), copyRows);
            double jmsSeconds = send(hub.brokerUrl(), funders.get(0), consumers.sizes());
            double limitSeconds = copySeconds + jmsSeconds;
            double limitRate = lines / limitSeconds;
            report.figure("ingest.limit_copy_seconds", round(copySeconds), "s");
            report.figure("ingest.limit_jms_seconds", round(jmsSeconds), "s");
            report.figure("ingest.limit_lines_per_s", Math.round(limitRate), "lines/s");
            report.ratio("ingest", hubRate, limitRate, 0.7);
            double perMillion = seconds * 1_000_000 / lines;
            if (lines == 1_000_000) {
                report.atMost("ingest.seconds_1m", round(perMillion), 20, "s");
            } else {
                report.figure("ingest.seconds_1m_scaled", round(perMillion), "s");
            }
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** A funder of the repository's adapters, with its broker login (the hub generates the password file). */
    record Funder(String code, String user, Path passwordFile) {
        String password() throws IOException {
            return Files.readString(passwordFile).strip();
        }
    }

    static List<Funder> funders(Path dataDir) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Funder> funders = new ArrayList<>();
        try (var files = Files.list(Path.of("adapters"))) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode a = yaml.readTree(p.toFile());
                if (!a.path("roles").toString().contains("FUNDER")) {
                    continue;
                }
                String secret = a.path("identity").path("brokerPassword").asText()
                        .replace("${hub.data-dir}", dataDir.toString());
                funders.add(new Funder(a.path("code").asText(), a.path("identity").path("brokerUser").asText(),
                        Path.of(secret.substring("file:".length()))));
            }
        }
        if (funders.isEmpty()) {
            throw new IllegalStateException("no funder in adapters/");
        }
        return funders;
    }

    /** Each supplier of the file gets an active relationship with one funder, as the relationship handler stores it. */
    static void seedRelationships(String jdbcUrl, List<String> suppliers, List<Funder> funders) throws Exception {
        try (var c = DriverManager.getConnection(jdbcUrl, Bench.PG_USER, "");
             PreparedStatement s = c.prepareStatement("INSERT INTO financing_relationship (supplier_code,"
                     + " relationship_id, core_code, funder_code, mode, status, active_key, created_at)"
                     + " VALUES (?, ?, ?, ?, 'POOL', 'ACTIVE', ?, ?)")) {
            for (int i = 0; i < suppliers.size(); i++) {
                String supplier = suppliers.get(i);
                String funder = funders.get(i % funders.size()).code();
                s.setString(1, supplier);
                s.setString(2, "BENCH-REL-" + i);
                s.setString(3, CORE);
                s.setString(4, funder);
                s.setString(5, supplier + "/" + CORE + "/" + funder);
                s.setTimestamp(6, Timestamp.from(Instant.now()));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** The valid lines of the file as PostgreSQL COPY text rows of the payable table; returns how many. */
    static long copyRows(CsvLayout layout, Path file, Path target) throws Exception {
        long n = 0;
        String now = Instant.now().toString();
        try (InputStream in = Files.newInputStream(file);
             CsvRecordReader reader = CsvRecordReader.open(layout, in);
             BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            for (LineResult line : reader) {
                if (line instanceof MappedLine m && m.record() instanceof Payable p) {
                    out.write(p.creditorCode() + "\t" + p.debtorCode() + "\t" + p.documentNumber() + "\t"
                            + p.amount().toPlainString() + "\t" + p.issueDate() + "\t" + p.dueDate() + "\t"
                            + p.confirmed() + "\t0\t0\t" + now + "\n");
                    n++;
                }
            }
        }
        return n;
    }

    /** Seconds to COPY the rows into a table shaped like payable (same keys) in the same database. */
    static double copy(String jdbcUrl, Path rows) throws Exception {
        try (var c = DriverManager.getConnection(jdbcUrl, Bench.PG_USER, "")) {
            try (var s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bench_limit_payable");
                s.execute("CREATE TABLE bench_limit_payable (LIKE payable INCLUDING ALL)");
            }
            long t0 = System.nanoTime();
            try (Reader in = Files.newBufferedReader(rows, StandardCharsets.UTF_8)) {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bench_limit_payable (creditor_code,"
                        + " debtor_code, document_number, amount, issue_date, due_date, confirmed, adjusted, paid,"
                        + " created_at) FROM STDIN", in, 1 << 16);
            }
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    /**
     * Seconds to send, persistent and in transactions of {@link #JMS_BATCH}, as many messages of the same sizes as
     * the hub delivered, to the same broker: to the inbound address, the one a funder may send to (not consumed in
     * this run).
     */
    static double send(String brokerUrl, Funder funder, List<Integer> sizes) throws Exception {
        int max = sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
        String text = "x".repeat(max);
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl);
        try (Connection connection = factory.createConnection(funder.user(), funder.password())) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(FunderQueues.INBOUND));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            long t0 = System.nanoTime();
            int inBatch = 0;
            for (int size : sizes) {
                producer.send(session.createTextMessage(text.substring(0, size)));
                if (++inBatch == JMS_BATCH) {
                    session.commit();
                    inBatch = 0;
                }
            }
            session.commit();
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    static Map<String, Long> counts(Path result) throws IOException {
        Map<String, Long> counts = new HashMap<>();
        for (String line : Files.readAllLines(result, StandardCharsets.UTF_8)) {
            String[] cells = line.split(",", 3);
            if (cells.length == 3 && cells[0].isEmpty() && cells[2].matches("[0-9]+")) {
                counts.put(cells[1], Long.parseLong(cells[2]));
            }
        }
        return counts;
    }

    /** One consumer per funder on its own queue, logged in as the funder, counting the payables it is given. */
    static final class Consumers {
        private static final String FIELD = "\"documentNumber\"";
        private final List<Connection> connections = new ArrayList<>();
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicLong lines = new AtomicLong();
        private final AtomicLong lastAt = new AtomicLong();
        private final List<Integer> sizes = java.util.Collections.synchronizedList(new ArrayList<>());
        private volatile boolean stop;

        Consumers(String brokerUrl, List<Funder> funders) throws Exception {
            for (Funder f : funders) {
                ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl);
                Connection connection = factory.createConnection(f.user(), f.password());
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(session.createQueue(FunderQueues.queueOf(f.code())));
                connection.start();
                connections.add(connection);
                Thread t = new Thread(() -> consume(consumer), "funder-" + f.code());
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
        }

        private void consume(MessageConsumer consumer) {
            try {
                while (!stop) {
                    Message m = consumer.receive(200);
                    if (m instanceof TextMessage t) {
                        String body = t.getText();
                        long n = 0;
                        for (int i = body.indexOf(FIELD); i >= 0; i = body.indexOf(FIELD, i + FIELD.length())) {
                            n++;
                        }
                        sizes.add(body.length());
                        lines.addAndGet(n);
                        lastAt.set(System.nanoTime());
                    }
                }
            } catch (JMSException e) {
                if (!stop) {
                    throw new IllegalStateException(e);
                }
            }
        }

        long lines() {
            return lines.get();
        }

        long lastAt() {
            return lastAt.get();
        }

        List<Integer> sizes() {
            synchronized (sizes) {
                return List.copyOf(sizes);
            }
        }

        /** Waits a moment for anything delivered twice, then stops. */
        void drainAndClose(Duration quiet) throws Exception {
            long before = lines.get();
            await().pollDelay(quiet).atMost(quiet.multipliedBy(3)).until(() -> true);
            stop = true;
            for (Thread t : threads) {
                t.join(5000);
            }
            for (Connection c : connections) {
                c.close();
            }
            if (lines.get() != before) {
                throw new IllegalStateException((lines.get() - before) + " lines delivered again after all were in");
            }
        }
    }

    /** A fifth of the file, at most 200,000 lines, for a file of 100,000 lines or more; none for a smaller run. */
    static long warmUpLines(long lines) {
        return lines >= 100_000 ? Math.min(200_000, lines / 5) : 0;
    }

    /** What became of a dropped file: the hub's answer, and the seconds from its done-marker to the last line taken. */
    private record Dropped(Map<String, Long> counts, double seconds) {
    }

    /**
     * Drops {@code file} in the inbox with its done-marker, waits for its answer and for the funders to have taken
     * every accepted line.
     */
    private static Dropped drop(HubLauncher hub, Path file, Path inbox, Path root, Consumers consumers, long lines)
            throws Exception {
        Path result = root.resolve("outbox").resolve(file.getFileName() + ".result.csv");
        Path staged = Files.move(file, inbox.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        long t0 = System.nanoTime();
        Files.writeString(staged.resolveSibling(staged.getFileName() + ".done"), "");
        Duration budget = Duration.ofSeconds(600 + lines / 200);
        await().atMost(budget).pollInterval(Duration.ofMillis(50)).until(() -> alive(hub) && Files.exists(result));
        Map<String, Long> counts = counts(result);
        long accepted = counts.getOrDefault("accepted", -1L);
        await().atMost(budget).pollInterval(Duration.ofMillis(20)).until(() -> alive(hub)
                && consumers.lines() >= accepted);
        return new Dropped(counts, (consumers.lastAt() - t0) / 1e9);
    }

    private static boolean alive(HubLauncher hub) {
        if (!hub.alive()) {
            throw new IllegalStateException("the hub died; see " + hub.log() + ":\n" + hub.tail());
        }
        return true;
    }

    /** CPU seconds of each PostgreSQL process on this machine, by pid (empty when the database runs elsewhere). */
    static Map<Long, Double> databaseCpu() {
        Map<Long, Double> cpu = new java.util.HashMap<>();
        ProcessHandle.allProcesses().forEach(p -> {
            ProcessHandle.Info info = p.info();
            if (info.command().map(c -> c.endsWith("/postgres") || c.endsWith("/postmaster")).orElse(false)) {
                info.totalCpuDuration().ifPresent(d -> cpu.put(p.pid(), d.toNanos() / 1e9));
            }
        });
        return cpu;
    }

    /** The CPU the processes of {@code now} used since {@code before} (a process started since counts from zero). */
    static double cpuSince(Map<Long, Double> before, Map<Long, Double> now) {
        double sum = 0;
        for (Map.Entry<Long, Double> e : now.entrySet()) {
            sum += e.getValue() - before.getOrDefault(e.getKey(), 0.0);
        }
        return sum;
    }
}
