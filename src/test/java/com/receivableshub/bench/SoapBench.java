package com.receivableshub.bench;

import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.participant.SecretResolver;
import com.receivableshub.pipeline.Outbox;
import com.receivableshub.support.HubProcess;
import com.receivableshub.support.HubTestSupport;
import com.receivableshub.support.PostgresSchema;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SOAP award intake against the bare CXF limit on the same server. A hub starts as in production (PostgreSQL, the
 * embedded broker, the relay running) with a trivial echo service published beside its own SOAP services (same
 * Tomcat, CXF bus and servlet, same API-key filter: {@link BenchEchoConfiguration}). Then {@code clients} threads
 * submit {@code submitAwardNotice} requests, each a new notice from the procurement system, for a warm-up and then
 * {@code soapSeconds}; an answer counts only when it is the hub's Ack with status ACCEPTED, which the hub gives after
 * its transaction committed. Then the same with the echo operation and a request of exactly the same size. Two such
 * rounds: the figures are the second's, when the JIT has compiled both paths (the first's rates are printed too).
 *
 * <p>The clients are plain HTTP/1.1 with keep-alive, sending ready SOAP envelopes, so that the load generator, which
 * shares the machine with the hub, costs as little CPU as possible; the same client drives both measurements.
 * Every accepted award must be found in the database afterwards (inbound message, award notice and ledger entry),
 * or the run says so.
 */
public final class SoapBench implements BenchPart {

    static final String ECHO_PROPERTY = "hub.bench.echo-service";
    private static final Pattern ACCEPTED = Pattern.compile("<(?:\\w+:)?status>ACCEPTED</(?:\\w+:)?status>");
    private static final int MAX_ERROR_SAMPLES = 5;

    private volatile Result last;

    @Override
    public String name() {
        return "soap";
    }

    /** What the last run measured and found stored; for tests. */
    public Result last() {
        return last;
    }

    /** @param runId prefix of every request id and notice id of the run ({@code B<runId>-...}, {@code ZB<runId>-...}) */
    public record Result(String runId, Measurement award, Measurement echo, long accepted, long stored) {
    }

    /** One measured load: the rate and latencies of the measuring period, the totals of the whole run. */
    public record Measurement(long measured, double seconds, double perSecond, double p50Ms, double p99Ms,
                              long okTotal, long errors, List<String> errorSamples) {
    }

    @Override
    public void run(BenchOptions options, BenchReport report) throws Exception {
        String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String jdbcUrl = options.jdbcUrl();
        String ownDatabase = null;
        if (jdbcUrl == null) {
            ownDatabase = "bench_soap_" + runId;
            jdbcUrl = createDatabase(ownDatabase);
        }
        Path dataDir = Files.createDirectories(options.workDir().resolve("soap-hub-" + runId));
        ConfigurableApplicationContext hub = null;
        try {
            hub = HubProcess.start(dataDir, HubTestSupport.freePort(), hubProperties(jdbcUrl, dataDir), "postgres");
            last = measure(hub, runId, options, report);
        } finally {
            if (hub != null) {
                hub.close();
            }
            if (ownDatabase != null) {
                dropDatabase(ownDatabase);
            }
        }
    }

    static Map<String, Object> hubProperties(String jdbcUrl, Path dataDir) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("spring.datasource.url", jdbcUrl);
        props.put("spring.datasource.username", PostgresSchema.USER);
        props.put(ECHO_PROPERTY, true);
        // No procurement feed to poll here.
        props.put("hub.feed.auto-startup", false);
        // The hub logs a line per message, as in production, but to its file: the console carries the figures.
        props.put("logging.file.name", dataDir.resolve("hub.log").toString());
        props.put("logging.pattern.console", "");
        return props;
    }

    private Result measure(ConfigurableApplicationContext hub, String runId, BenchOptions options, BenchReport report)
            throws InterruptedException {
        int port = Integer.parseInt(hub.getEnvironment().getRequiredProperty("local.server.port"));
        Participant procurement = hub.getBean(ParticipantDirectory.class).withRole(ParticipantRole.PROCUREMENT_SYSTEM)
                .get(0);
        String apiKey = hub.getBean(SecretResolver.class).resolve(procurement.apiKey().orElseThrow());
        String base = "http://127.0.0.1:" + port + "/services";
        Duration seconds = Duration.ofSeconds(Math.max(1, options.soapSeconds()));
        Duration warmUp = warmUp(options.soapSeconds());
        int clients = Math.max(1, options.clients());

        // Two rounds, each the awards and then the echo; the figures that count are the second round's. The hub starts
        // just before, and during the first round the JIT compilers still take a large part of both cores (JFR: about
        // 45% of the CPU while the first round's awards were measured, on 2 cores) and the awards, which go first, pay
        // for compiling the code the echo shares with them (Tomcat, CXF, the filters). The first round's rates are
        // printed too, for information.
        Outbox outbox = hub.getBean(Outbox.class);
        String region = procurement.regions().get(0);
        Measurement[] first = round(base, apiKey, clients, warmUp, seconds, new AwardRequests(runId, 1, region,
                LocalDate.now()), outbox);
        AwardRequests awards = new AwardRequests(runId, 2, region, LocalDate.now());
        Measurement[] second = round(base, apiKey, clients, warmUp, seconds, awards, outbox);
        Measurement award = second[0];
        Measurement echo = second[1];
        int size = awards.body(0, 0).getBytes(StandardCharsets.UTF_8).length;
        long accepted = first[0].okTotal() + award.okTotal();

        long stored = stored(hub.getBean(JdbcTemplate.class), runId);
        print(report, "soap.award", award);
        report.figure("soap.award.accepted", accepted, "count");
        report.figure("soap.award.stored", stored, "count");
        print(report, "soap.echo", echo);
        report.figure("soap.award.first_round_requests_per_s", Math.round(first[0].perSecond() * 10) / 10.0, "req/s");
        report.figure("soap.echo.first_round_requests_per_s", Math.round(first[1].perSecond() * 10) / 10.0, "req/s");
        report.figure("soap.request_bytes", size, "bytes");
        report.ratio("soap", award.perSecond(), echo.perSecond(), 0.7);
        report.atMost("soap.award.p99_ms", award.p99Ms(), 25, "ms");
        // An accepted award that is not in the database would be a lie of the hub's or of this benchmark.
        report.atMost("soap.award.unstored", accepted - stored, 0, "count");
        errors(System.err, "soap.award", first[0]);
        errors(System.err, "soap.echo", first[1]);
        errors(System.err, "soap.award", award);
        errors(System.err, "soap.echo", echo);
        return new Result(runId, award, echo, accepted, stored);
    }

    /** One round: the awards, then (once the relay has sent what they left) the echo with a request of the same size. */
    private static Measurement[] round(String base, String apiKey, int clients, Duration warmUp, Duration seconds,
                                       AwardRequests awards, Outbox outbox) throws InterruptedException {
        Measurement award = drive(URI.create(base + "/procurement"), apiKey,
                "urn:receivables-hub:procurement:v1:submitAwardNotice", clients, warmUp, seconds, awards::body,
                body -> ACCEPTED.matcher(body).find());
        // What the awards left for the relay goes out before the echo runs, so that it has the machine to itself too.
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> outbox.pending() == 0);
        String echoBody = echoBody(awards.body(0, 0).getBytes(StandardCharsets.UTF_8).length);
        Measurement echo = drive(URI.create(base + BenchEchoConfiguration.ADDRESS), apiKey, "", clients, warmUp,
                seconds, (client, n) -> echoBody, body -> body.contains("<reply>"));
        return new Measurement[] {award, echo};
    }

    static Duration warmUp(int soapSeconds) {
        return Duration.ofSeconds(Math.min(5, Math.max(1, soapSeconds / 2)));
    }

    private static void print(BenchReport report, String name, Measurement m) {
        report.figure(name + ".requests_per_s", Math.round(m.perSecond() * 10) / 10.0, "req/s");
        report.figure(name + ".p50_ms", Math.round(m.p50Ms() * 100) / 100.0, "ms");
        report.figure(name + ".p99_ms", Math.round(m.p99Ms() * 100) / 100.0, "ms");
        report.figure(name + ".errors", m.errors(), "count");
    }

    private static void errors(PrintStream out, String name, Measurement m) {
        for (String sample : m.errorSamples()) {
            out.println("# " + name + " error: " + sample);
        }
    }

    /** The bench's awards, in the hub's DB: every accepted one must be there in all three places. */
    static long stored(JdbcTemplate jdbc, String runId) {
        Long inbound = jdbc.queryForObject("SELECT COUNT(*) FROM inbound_message WHERE message_id LIKE ?", Long.class,
                "B" + runId + "-%");
        Long notices = jdbc.queryForObject("SELECT COUNT(*) FROM award_notice WHERE notice_id LIKE ?", Long.class,
                "ZB" + runId + "-%");
        Long ledger = jdbc.queryForObject("SELECT COUNT(*) FROM ledger WHERE direction = 'IN' AND message_id LIKE ?",
                Long.class, "B" + runId + "-%");
        return Math.min(inbound, Math.min(notices, ledger));
    }

    /** Request bodies of one client; {@code n} numbers its requests. */
    @FunctionalInterface
    interface Bodies {
        String body(int client, long n);
    }

    /**
     * {@code clients} threads, each sending one request after the other: for {@code warmUp} (not measured), then
     * for {@code seconds}. Rate and latencies are those of the requests answered within the measuring period.
     */
    static Measurement drive(URI uri, String apiKey, String soapAction, int clients, Duration warmUp, Duration seconds,
                             Bodies bodies, Predicate<String> ok) throws InterruptedException {
        ExecutorService httpThreads = Executors.newCachedThreadPool(daemon("bench-http"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(httpThreads)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime() + Duration.ofMillis(100).toNanos();
        // The measuring period starts after the warm-up time and once every client has had two answers: on a busy
        // machine the first requests (class loading, JIT, first connections) can take longer than the warm-up.
        AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);
        AtomicLong measureTo = new AtomicLong(Long.MAX_VALUE);
        AtomicLong answered = new AtomicLong();
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        AtomicLong okTotal = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<String> samples = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                long[] mine = new long[4096];
                int count = 0;
                long n = 0;
                try {
                    while (System.nanoTime() < start) {
                        Thread.onSpinWait();
                    }
                    for (long t0 = System.nanoTime(); t0 < measureTo.get(); t0 = System.nanoTime()) {
                        HttpRequest request = HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "text/xml; charset=UTF-8")
                                .header("SOAPAction", "\"" + soapAction + "\"")
                                .header("X-Api-Key", apiKey)
                                .POST(HttpRequest.BodyPublishers.ofString(bodies.body(client, n++), StandardCharsets.UTF_8))
                                .build();
                        String failure;
                        try {
                            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                            failure = response.statusCode() == 200 && ok.test(response.body()) ? null
                                    : "HTTP " + response.statusCode() + ": " + abbreviate(response.body());
                        } catch (IOException e) {
                            failure = e.toString();
                        }
                        long t1 = System.nanoTime();
                        answered.incrementAndGet();
                        if (failure != null) {
                            errors.incrementAndGet();
                            if (samples.size() < MAX_ERROR_SAMPLES) {
                                samples.add(failure);
                            }
                            continue;
                        }
                        okTotal.incrementAndGet();
                        if (t1 >= measureFrom.get() && t1 <= measureTo.get()) {
                            if (count == mine.length) {
                                mine = Arrays.copyOf(mine, count * 2);
                            }
                            mine[count++] = t1 - t0;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    latencies[client] = mine;
                    counts[client] = count;
                    done.countDown();
                }
            }, "bench-client-" + c);
            thread.setDaemon(true);
            thread.start();
        }
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> System.nanoTime() >= start + warmUp.toNanos() && answered.get() >= 2L * clients
                        || done.getCount() == 0);
        long from = System.nanoTime();
        measureTo.set(from + seconds.toNanos());
        measureFrom.set(from);
        done.await();
        httpThreads.shutdownNow();
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        double measuredSeconds = seconds.toNanos() / 1e9;
        // No answer within the period: every latency was longer than the period, which is what is reported.
        double floor = total == 0 ? seconds.toMillis() : 0;
        return new Measurement(total, measuredSeconds, total / measuredSeconds, Math.max(floor, percentile(all, 0.50)),
                Math.max(floor, percentile(all, 0.99)), okTotal.get(), errors.get(), List.copyOf(samples));
    }

    private static ThreadFactory daemon(String name) {
        AtomicLong ids = new AtomicLong();
        return runnable -> {
            Thread t = new Thread(runnable, name + "-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static String abbreviate(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() <= 300 ? flat : flat.substring(0, 297) + "...";
    }

    /** A SOAP request of the echo operation exactly {@code size} bytes long. */
    static String echoBody(int size) {
        String head = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<e:echo xmlns:e=\"" + BenchEchoService.NAMESPACE + "\"><text>";
        String tail = "</text></e:echo></soap:Body></soap:Envelope>";
        int fill = size - head.length() - tail.length();
        if (fill < 1) {
            throw new IllegalArgumentException("an echo request cannot be as small as " + size + " bytes");
        }
        return head + "x".repeat(fill) + tail;
    }

    /** Award notice requests of one run: every one new, all of the same length. */
    static final class AwardRequests {

        private final String runId;
        private final int round;
        private final String region;
        private final String date;

        AwardRequests(String runId, int round, String region, LocalDate date) {
            this.runId = runId;
            this.round = round;
            this.region = region;
            this.date = date.toString();
        }

        String body(int client, long n) {
            String id = String.format(Locale.ROOT, "%s-%d%02d-%09d", runId, round, client, n);
            return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                    + "<submitAwardNotice xmlns=\"urn:receivables-hub:procurement:v1\">"
                    + "<requestId>B" + id + "</requestId>"
                    + "<awardNotice>"
                    + "<noticeId>ZB" + id + "</noticeId>"
                    + "<projectId>FJ-2026-" + id + "</projectId>"
                    + "<title>Office furniture for the provincial archives</title>"
                    + "<region>" + region + "</region>"
                    + "<buyerCode>11350000003123400M</buyerCode>"
                    + "<buyerName>Fujian Provincial Archives</buyerName>"
                    + "<financeDepartmentCode>11350000003123400M</financeDepartmentCode>"
                    + "<supplierCode>913501002611234009</supplierCode>"
                    + "<supplierName>Xiamen Office Supplies Co., Ltd.</supplierName>"
                    + "<amount>1280000.00</amount>"
                    + "<awardDate>" + date + "</awardDate>"
                    + "</awardNotice></submitAwardNotice></soap:Body></soap:Envelope>";
        }
    }

    /** A database of its own on the PostgreSQL server the tests use; returns its JDBC URL. */
    static String createDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresSchema.URL, PostgresSchema.USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        String url = PostgresSchema.URL;
        int query = url.indexOf('?');
        String plain = query < 0 ? url : url.substring(0, query);
        return plain.substring(0, plain.lastIndexOf('/') + 1) + name;
    }

    static void dropDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresSchema.URL, PostgresSchema.USER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** Runs this part alone: {@code SoapBench [seconds] [clients]}, a database of its own, scratch in a temp dir. */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Path work = Files.createTempDirectory("bench-soap");
        BenchReport report = new BenchReport(System.out);
        new SoapBench().run(new BenchOptions(0, seconds, clients, null, work), report);
        System.exit(report.missed() == 0 ? 0 : 1);
    }
}
