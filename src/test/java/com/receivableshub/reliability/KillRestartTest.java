package com.receivableshub.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.demo.HubClient;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.FinancingMode;
import com.receivableshub.model.FinancingRelationship;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.ModelJson;
import com.receivableshub.model.Ping;
import com.receivableshub.model.RelationshipStatus;
import com.receivableshub.participant.FunderQueues;
import com.receivableshub.support.HubOsProcess;
import com.receivableshub.support.HubTestSupport;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionRolledBackException;
import java.io.BufferedWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The hub as a separate process, interrupted while a large payables file and a stream of funder messages are in
 * flight, then started again on the same data folder: every accepted line reaches the funder's queue exactly once
 * and every funder message is taken exactly once (one inbound record, one answer).
 * <ul>
 *   <li>SIGKILL twice (the process gets no chance to finish anything);</li>
 *   <li>SIGTERM once (graceful: what was taken is finished, the rest is left for the restart, nothing goes to
 *   failed/).</li>
 * </ul>
 * Sizes: {@code -Dhub.kill.lines} (30,000) and {@code -Dhub.kill.pings} (1,500). Each run prints one
 * {@code RELIABILITY ...} line with its figures. Tagged {@code reliability}: runs with {@code -Preliability}.
 */
@Tag("reliability")
class KillRestartTest {

    static final String CORE = "91350100705432100M";
    static final String SUPPLIER = "91350100M000100Y43";
    static final String BANK = "91350200123456700W";
    static final String BANK_USER = "funder-demo-bank-fujian";
    static final int LINES = Integer.getInteger("hub.kill.lines", 30_000);
    static final int PINGS = Integer.getInteger("hub.kill.pings", 1_500);
    static final int CHUNK = 100;
    static final int SEND_BATCH = 100;

    final ObjectMapper json = ModelJson.newMapper();

    @Test
    void sigkillTwiceWhileAFileAndAFunderStreamAreInFlightLosesAndDoublesNothing() throws Exception {
        run("sigkill", 2, true);
    }

    @Test
    void sigtermWhileAFileAndAFunderStreamAreInFlightFinishesOrLeavesWorkAndLosesAndDoublesNothing() throws Exception {
        run("sigterm", 1, false);
    }

    private void run(String name, int interruptions, boolean kill) throws Exception {
        long started = System.nanoTime();
        Path data = HubTestSupport.tempDir("hub-" + name);
        Map<String, Object> props = new HashMap<>();
        props.put("hub.relay.period-ms", 50);
        props.put("hub.erp-files.poll-ms", 100);
        props.put("hub.erp-files.chunk-size", CHUNK);
        props.put("hub.feed.auto-startup", false);
        props.put("logging.level.com.receivableshub.pipeline.IntakeService", "WARN");
        try (HubOsProcess hub = new HubOsProcess(data, props)) {
            hub.start();
            openRelationship(hub);

            Path inbox = Files.createDirectories(data.resolve("erp").resolve(CORE).resolve("inbox"));
            Path file = writePayables(data.resolve("payables-" + name + ".csv"));
            String fileName = "payables-" + name + ".csv";
            Files.copy(file, inbox.resolve(fileName));
            Files.writeString(inbox.resolve(fileName + ".done"), "");
            Path result = data.resolve("erp").resolve(CORE).resolve("outbox").resolve(fileName + ".result.csv");

            PingSender sender = new PingSender(name);
            int chunks = (LINES + CHUNK - 1) / CHUNK;
            List<String> atInterrupt = new ArrayList<>();
            for (int i = 1; i <= interruptions; i++) {
                Thread sending = sender.startOn(hub);
                // A few funder batches on the queue: the file is taken much faster than the relay delivers, so the
                // batches delivered say little about how far the file is; early on, it is surely in the middle.
                int feedTarget = 5 * i;
                int pongTarget = 20 * i;
                await("progress before interruption " + i).atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> {
                            Map<String, Integer> depth = browse(hub);
                            return depth.getOrDefault("FEED_BATCH", 0) >= feedTarget
                                    && depth.getOrDefault("PONG", 0) >= pongTarget;
                        });
                Map<String, Integer> depth = browse(hub);
                boolean fileDone = Files.exists(result);
                if (kill) {
                    hub.kill();
                } else {
                    int exit = hub.stop(Duration.ofSeconds(60));
                    assertThat(exit).as("exit code after SIGTERM").isIn(0, 143);
                    // Graceful: the file was either finished or left untaken for the next start; never failed.
                    Path failed = data.resolve("erp").resolve("failed");
                    if (Files.exists(failed)) {
                        try (var walk = Files.walk(failed)) {
                            assertThat(walk.map(Path::getFileName).map(Path::toString)).doesNotContain(fileName);
                        }
                    }
                    assertThat(Files.exists(inbox.resolve(fileName)) && Files.exists(inbox.resolve(fileName + ".done"))
                            || Files.exists(result)).as("file finished or left in the inbox with its marker").isTrue();
                }
                sending.join(30_000);
                assertThat(sending.isAlive()).isFalse();
                atInterrupt.add("feedBatches=" + depth.get("FEED_BATCH") + "/" + chunks + " pongs="
                        + depth.get("PONG") + "/" + PINGS + " fileDone=" + fileDone);
                if (i == 1) {
                    assertThat(fileDone).as("interrupted in the middle of the file").isFalse();
                    assertThat(depth.get("PONG")).as("interrupted in the middle of the stream").isLessThan(PINGS);
                }
                hub.start();
            }
            Thread sending = sender.startOn(hub);
            sending.join(120_000);
            assertThat(sender.sentUpTo.get()).as("every ping committed to the broker").isEqualTo(PINGS);
            await("file answered").atMost(Duration.ofSeconds(120)).until(() -> Files.exists(result));

            // Everything on the funder's queue, over TCP with a real JMS client.
            List<String> lines = new ArrayList<>();
            List<String> pongs = new ArrayList<>();
            try (Connection c = connect(hub)) {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = s.createConsumer(s.createQueue("funder." + BANK));
                await("everything delivered").atMost(Duration.ofSeconds(120)).pollDelay(Duration.ZERO)
                        .until(() -> {
                            drain(consumer, 200, lines, pongs);
                            return lines.size() >= LINES && pongs.size() >= PINGS;
                        });
                drain(consumer, 2000, lines, pongs); // anything more would be a duplicate
            }
            assertThat(hub.stop(Duration.ofSeconds(60))).isIn(0, 143);

            long payableRows;
            long pingRows;
            long pending;
            try (var db = DriverManager.getConnection(hub.jdbcUrl(), "hub", "")) {
                payableRows = count(db, "SELECT COUNT(*) FROM payable WHERE creditor_code = '" + SUPPLIER + "'");
                pingRows = count(db, "SELECT COUNT(*) FROM inbound_message WHERE sender = '" + BANK
                        + "' AND type = 'PING'");
                pending = count(db, "SELECT COUNT(*) FROM outbox WHERE status <> 'SENT' AND channel = 'QUEUE'");
            }
            Set<String> distinctLines = new HashSet<>(lines);
            Set<String> distinctPongs = new HashSet<>(pongs);
            long expected = LINES + PINGS;
            long delivered = lines.size() + pongs.size();
            long distinct = distinctLines.size() + distinctPongs.size();
            System.out.printf("RELIABILITY kill-restart.%s interruptions=%d %s records expected=%d delivered=%d "
                            + "lost=%d duplicated=%d (file lines %d/%d, funder messages %d/%d, inbound rows %d, "
                            + "payable rows %d, outbox pending %d, %d starts, %.1f s)%n",
                    name, interruptions, atInterrupt, expected, delivered, expected - distinct, delivered - distinct,
                    distinctLines.size(), LINES, distinctPongs.size(), PINGS, pingRows, payableRows, pending,
                    hub.starts(), (System.nanoTime() - started) / 1e9);
            assertThat(distinctLines).as("every line delivered").hasSize(LINES);
            assertThat(lines).as("no line delivered twice").hasSize(LINES);
            assertThat(distinctPongs).as("every funder message answered").hasSize(PINGS);
            assertThat(pongs).as("no funder message answered twice").hasSize(PINGS);
            assertThat(pingRows).as("every funder message recorded once").isEqualTo(PINGS);
            assertThat(payableRows).isEqualTo(LINES);
            assertThat(pending).isZero();
            String answer = Files.readString(result);
            assertThat(answer).contains(",lines," + LINES).contains(",rejected,0");
        }
    }

    /** The supplier opens a relationship with the bank, so the bank sees the supplier's payables. */
    private void openRelationship(HubOsProcess hub) throws Exception {
        Envelope open = new Envelope(UUID.randomUUID().toString(), null, MessageType.FINANCING_RELATIONSHIP, SUPPLIER,
                List.of(), OffsetDateTime.now(), json.valueToTree(new FinancingRelationship("REL-KILL", SUPPLIER, CORE,
                BANK, FinancingMode.SINGLE, RelationshipStatus.ACTIVE)), null);
        var response = new HubClient(hub.baseUrl()).post("/api/v1/messages",
                hub.secret("supplier-minjiang-parts.api-key"), "application/json", json.writeValueAsString(open));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        try (Connection c = connect(hub)) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Message m = s.createConsumer(s.createQueue("funder." + BANK)).receive(20_000);
            assertThat(m).isNotNull();
            assertThat(m.getStringProperty("hubMessageType")).isEqualTo("FINANCING_RELATIONSHIP");
        }
    }

    /** All lines good and the supplier's, in the demo group's GBK layout. */
    private static Path writePayables(Path file) throws Exception {
        try (BufferedWriter w = Files.newBufferedWriter(file, Charset.forName("GBK"))) {
            w.write("供应商统一社会信用代码,单据号,金额,开票日期,到期日,确权状态\r\n");
            for (int i = 1; i <= LINES; i++) {
                w.write(SUPPLIER + ",AP-K-" + i + "," + (100 + i % 9000) + ".25,20261101,20270501,已确权\r\n");
            }
        }
        return file;
    }

    private Connection connect(HubOsProcess hub) throws JMSException {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(hub.brokerUrl());
        factory.setReconnectAttempts(0);
        Connection c = factory.createConnection(BANK_USER, hub.secret("funder-demo-bank-fujian.broker"));
        c.start();
        return c;
    }

    /** How many messages of each type wait on the bank's queue (the relay stamps the type on each). */
    private Map<String, Integer> browse(HubOsProcess hub) {
        Map<String, Integer> depth = new HashMap<>();
        try (Connection c = connect(hub)) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueBrowser browser = s.createBrowser(s.createQueue("funder." + BANK));
            Enumeration<?> e = browser.getEnumeration();
            while (e.hasMoreElements()) {
                Message m = (Message) e.nextElement();
                depth.merge(m.getStringProperty("hubMessageType"), 1, Integer::sum);
            }
        } catch (JMSException e) {
            return Map.of();
        }
        return depth;
    }

    private void drain(MessageConsumer consumer, long timeoutMs, List<String> lines, List<String> pongs)
            throws Exception {
        for (Message m = consumer.receive(timeoutMs); m != null; m = consumer.receive(timeoutMs)) {
            JsonNode envelope = json.readTree(((TextMessage) m).getText());
            switch (envelope.path("type").asText()) {
                case "FEED_BATCH" -> envelope.path("payload").path("payables")
                        .forEach(p -> lines.add(p.path("documentNumber").asText()));
                case "PONG" -> pongs.add(envelope.path("payload").path("pingMessageId").asText());
                default -> throw new AssertionError("unexpected " + envelope.path("type") + " on the bank's queue");
            }
        }
    }

    private static long count(java.sql.Connection db, String sql) throws Exception {
        try (var st = db.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The bank sends its pings as a careful funder does: in transactions of {@value #SEND_BATCH}, each message with
     * its id as Artemis's duplicate id, and after a broken connection sends the batch it is unsure of again. A batch
     * the broker had committed is refused whole as a duplicate, which tells the sender it is done.
     */
    private final class PingSender {
        final String run;
        final AtomicInteger sentUpTo = new AtomicInteger();

        PingSender(String run) {
            this.run = run;
        }

        Thread startOn(HubOsProcess hub) {
            Thread t = new Thread(() -> send(hub), "ping-sender");
            t.setDaemon(true);
            t.start();
            return t;
        }

        private void send(HubOsProcess hub) {
            try (Connection c = connect(hub)) {
                Session s = c.createSession(true, Session.SESSION_TRANSACTED);
                MessageProducer producer = s.createProducer(s.createQueue(FunderQueues.INBOUND));
                while (sentUpTo.get() < PINGS) {
                    int from = sentUpTo.get();
                    for (int i = from; i < Math.min(from + SEND_BATCH, PINGS); i++) {
                        String id = "PING-" + run + "-" + i;
                        TextMessage m = s.createTextMessage(json.writeValueAsString(new Envelope(id, id,
                                MessageType.PING, BANK, List.of(), OffsetDateTime.now(),
                                json.valueToTree(new Ping("n" + i)), null)));
                        m.setStringProperty("_AMQ_DUPL_ID", id);
                        producer.send(m);
                    }
                    try {
                        s.commit();
                    } catch (TransactionRolledBackException e) {
                        if (e.getMessage() == null || !e.getMessage().contains("uplicate")) {
                            throw e;
                        }
                        // the batch had been committed before the connection broke
                    }
                    sentUpTo.set(Math.min(from + SEND_BATCH, PINGS));
                }
            } catch (Exception e) {
                // the hub went away; the batch in doubt is sent again after the restart
            }
        }
    }
}
