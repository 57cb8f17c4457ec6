package com.receivableshub.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import com.receivableshub.model.AccountLockAck;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP systems outside the hub, for the demo and the smoke run: the core enterprise's ERP and the supplier
 * portal (they accept what the hub sends), the registry (it registers and answers with a number) and the treasury
 * (it acknowledges lock instructions). Everything received is kept, so the smoke run can check what arrived.
 */
public final class PartnerSimulator implements AutoCloseable {

    /** A request the simulator received. */
    public record Received(String path, String idempotencyKey, JsonNode body) {
    }

    private static final Logger LOG = LoggerFactory.getLogger("demo");

    private final HttpServer server;
    private final ObjectMapper json;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Received> failed = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<JsonNode> releases = new ConcurrentLinkedQueue<>();
    private final AtomicLong registrations = new AtomicLong(20_261_000);
    /** Answers to give instead of the normal one, per path, in order: a partner that fails for a while. */
    private final java.util.Map<String, ConcurrentLinkedQueue<Integer>> failures = new java.util.concurrent.ConcurrentHashMap<>();
    private final UnaryOperator<Envelope> treasurySigner;
    private final String treasuryCode;

    /**
     * @param treasuryCode   the simulated treasury's credit code
     * @param treasurySigner signs the treasury's acknowledgements with its key, as the hub requires
     */
    public PartnerSimulator(int port, ObjectMapper json, String treasuryCode, UnaryOperator<Envelope> treasurySigner)
            throws IOException {
        this.json = json;
        this.treasuryCode = treasuryCode;
        this.treasurySigner = treasurySigner;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if ("GET".equals(exchange.getRequestMethod()) && path.endsWith("/procurement/ocds")) {
                respond(exchange, 200, feed(exchange.getRequestURI().getQuery()));
                return;
            }
            JsonNode body = bytes.length == 0 ? json.nullNode() : json.readTree(bytes);
            Received request = new Received(path, exchange.getRequestHeaders().getFirst("Idempotency-Key"), body);
            Integer failure = failures.getOrDefault(path, new ConcurrentLinkedQueue<>()).poll();
            if (failure != null) {
                LOG.info("{} answered {} on purpose to {} {}", path, failure, body.path("type").asText(),
                        body.path("messageId").asText());
                failed.add(request);
                exchange.sendResponseHeaders(failure, -1);
                return;
            }
            received.add(request);
            LOG.info("{} received {} {}", path, body.path("type").asText(), body.path("messageId").asText());
            if (path.endsWith("/registry/registrations")) {
                respond(exchange, 200, registration(body.path("payload")));
            } else if (path.startsWith("/treasury/")) {
                String instructionId = body.path("payload").path("instructionId").asText();
                Envelope ack = treasurySigner.apply(new Envelope("ack-" + instructionId, instructionId,
                        MessageType.ACCOUNT_LOCK_ACK, treasuryCode, List.of(), OffsetDateTime.now(),
                        json.valueToTree(new AccountLockAck(instructionId, true, null)), null));
                respond(exchange, 200, json.valueToTree(ack));
            } else {
                exchange.sendResponseHeaders(202, -1);
            }
        } catch (RuntimeException e) {
            LOG.warn("simulator failed on {}: {}", exchange.getRequestURI(), e.getMessage());
            exchange.sendResponseHeaders(500, -1);
        }
    }

    /**
     * The next requests to {@code path} get these HTTP statuses instead of the normal answer, one each: a 503 is a
     * partner that is down for a moment, a 400 one that refuses the message.
     */
    public void failNext(String path, int... statuses) {
        ConcurrentLinkedQueue<Integer> queue = failures.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>());
        for (int status : statuses) {
            queue.add(status);
        }
    }

    /** The requests answered with a status from {@link #failNext}. */
    public List<Received> failed() {
        return List.copyOf(failed);
    }

    /** The procurement system publishes a release on its OCDS feed. */
    public void publish(JsonNode release) {
        releases.add(release);
    }

    /** One release package of everything published after {@code since} (no paging: the demo feed is small). */
    private ObjectNode feed(String query) {
        String since = query != null && query.startsWith("since=")
                ? java.net.URLDecoder.decode(query.substring(6), java.nio.charset.StandardCharsets.UTF_8) : null;
        ObjectNode pkg = json.createObjectNode();
        pkg.put("version", "1.1");
        pkg.put("publishedDate", OffsetDateTime.now().toString());
        var list = pkg.putArray("releases");
        for (JsonNode release : releases) {
            if (since == null || OffsetDateTime.parse(release.path("date").asText())
                    .isAfter(OffsetDateTime.parse(since))) {
                list.add(release);
            }
        }
        return pkg;
    }

    private ObjectNode registration(JsonNode request) {
        ObjectNode result = json.createObjectNode();
        result.put("registrationRequestId", request.path("registrationRequestId").asText());
        result.put("registrationNumber", "DJ" + registrations.incrementAndGet());
        result.putArray("existingRegistrations");
        result.put("registeredAt", OffsetDateTime.now().toString());
        return result;
    }

    private void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Waits until a request to the path matching the predicate has arrived. */
    public Optional<Received> await(String path, Predicate<JsonNode> match, Duration timeout)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (Received r : received) {
                if (r.path().equals(path) && match.test(r.body())) {
                    return Optional.of(r);
                }
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
        return Optional.empty();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
