package com.receivableshub.reversefactoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.receivableshub.demo.FunderClient;
import com.receivableshub.mapping.CsvLayout;
import com.receivableshub.mapping.PayablesFileGenerator;
import com.receivableshub.model.Envelope;
import com.receivableshub.model.FinancingMode;
import com.receivableshub.model.FinancingRelationship;
import com.receivableshub.model.MessageType;
import com.receivableshub.model.RelationshipStatus;
import com.receivableshub.pipeline.Hashes;
import com.receivableshub.pipeline.Ledger;
import com.receivableshub.pipeline.LedgerEntry;
import com.receivableshub.pipeline.LedgerVerifier;
import com.receivableshub.pipeline.Subjects;
import com.receivableshub.support.HubTestSupport;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * ERP daily files dropped in the inbox, through the file route: streamed, answered with a result file naming every
 * bad line, good lines through, and nothing twice when the same file comes again.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS) // its file route stops polling ROOT after the class
class ErpFilesTest extends HubTestSupport {

    static final String CORE = "91350100705432100M";
    static final String SUPPLIER = "91350100M000100Y43";
    static final String BANK = "91350200123456700W";
    static final Path ROOT = tempDir("erp-files");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    LedgerVerifier verifier;

    @DynamicPropertySource
    static void files(DynamicPropertyRegistry registry) {
        registry.add("hub.erp-files.root", ROOT::toString);
        registry.add("hub.erp-files.poll-ms", () -> 100);
        registry.add("hub.relay.period-ms", () -> 50);
    }

    Path inbox(String folder) throws Exception {
        return Files.createDirectories(ROOT.resolve(CORE).resolve(folder));
    }

    /** Drops a file with its done-marker and waits for the complete answer. */
    Map<String, String> drop(Path file, String name) throws Exception {
        Path target = inbox("inbox").resolve(name);
        Files.copy(file, target);
        Files.writeString(inbox("inbox").resolve(name + ".done"), "");
        return answer(name);
    }

    Map<String, String> answer(String name) {
        Path result = ROOT.resolve(CORE).resolve("outbox").resolve(name + ".result.csv");
        await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(result));
        Map<String, String> counts = new HashMap<>();
        try {
            for (String line : Files.readAllLines(result, StandardCharsets.UTF_8)) {
                String[] cells = line.split(",", 3);
                if (cells[0].isEmpty() && cells.length == 3) {
                    counts.put(cells[1], cells[2]);
                } else {
                    counts.merge("errors:" + cells[0], cells.length > 1 ? cells[1] : "", (a, b) -> a + "|" + b);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return counts;
    }

    @Test
    void aHundredThousandLineGbkFileWithBadLinesGoesThroughOnceEvenWhenDroppedTwice() throws Exception {
        CsvLayout layout = CsvLayout.load(Path.of("mappings/erp-fujian-demo-group-payables.yaml"));
        Path file = tempDir("gen").resolve("payables.csv");
        List<PayablesFileGenerator.BadLine> bad = PayablesFileGenerator.of(layout).seed(42).badEvery(997)
                .write(file, 100_000);
        assertThat(bad).isNotEmpty();
        long payablesBefore = count("payable");

        Map<String, String> first = drop(file, "payables-20261122.csv");
        assertThat(first.get("lines")).isEqualTo("100000");
        assertThat(first.get("rejected")).isEqualTo(String.valueOf(bad.size()));
        assertThat(first.get("accepted")).isEqualTo(String.valueOf(100_000 - bad.size()));
        assertThat(first.get("duplicates")).isEqualTo("0");
        for (PayablesFileGenerator.BadLine b : bad) {
            assertThat(first.get("errors:" + b.lineNumber())).as("line " + b.lineNumber()).contains(b.field());
        }
        assertThat(count("payable") - payablesBefore).isEqualTo(100_000 - bad.size());
        long outboxAfterFirst = count("outbox");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !Files.exists(inbox("inbox").resolve("payables-20261122.csv")));
        // Archived under the root, by day and by the enterprise's folder, so two enterprises' files never collide.
        assertThat(ROOT.resolve("archive").resolve(java.time.LocalDate.now().format(
                java.time.format.DateTimeFormatter.BASIC_ISO_DATE)).resolve(CORE).resolve("inbox")
                .resolve("payables-20261122.csv")).exists();

        // The same file again (an ERP re-sending the day): the previous answer is removed first so this one is read.
        Files.delete(ROOT.resolve(CORE).resolve("outbox").resolve("payables-20261122.csv.result.csv"));
        Map<String, String> second = drop(file, "payables-20261122.csv");
        assertThat(second.get("duplicates")).isEqualTo(String.valueOf(100_000 - bad.size()));
        assertThat(count("payable") - payablesBefore).isEqualTo(100_000 - bad.size());
        assertThat(count("outbox")).isEqualTo(outboxAfterFirst);
    }

    @Test
    void aFunderWithARelationshipReceivesItsSuppliersLinesOnceAndNothingWithoutADoneMarker() throws Exception {
        boolean opened = openRelationship();
        try (FunderClient bank = funderClient(participant(BANK))) {
            if (opened) {
                assertThat(bank.receive(Duration.ofSeconds(10)).orElseThrow().type())
                        .isEqualTo(MessageType.FINANCING_RELATIONSHIP);
            }
            String doc = "AP-" + UUID.randomUUID().toString().substring(0, 8);
            String csv = "供应商统一社会信用代码,单据号,金额,开票日期,到期日,确权状态\r\n"
                    + SUPPLIER + "," + doc + ",1234.50,20261101,20270501,已确权\r\n"
                    + "91350100M000100Y44," + doc + "-x,1.00,20261101,20270501,已确权\r\n"
                    + "913501002611234009," + doc + "-other,99.00,20261101,20270501,已确权\r\n";
            Path file = tempDir("small").resolve("f.csv");
            Files.write(file, csv.getBytes(Charset.forName("GBK")));

            // Without its done-marker the file waits in the inbox.
            Files.copy(file, inbox("inbox").resolve("payables-waiting.csv"));
            assertThat(bank.receive(Duration.ofSeconds(1))).isEmpty();
            assertThat(inbox("inbox").resolve("payables-waiting.csv")).exists();

            Map<String, String> answer = drop(file, "payables-small.csv");
            assertThat(answer.get("accepted")).isEqualTo("2");
            assertThat(answer.get("errors:3")).isEqualTo("creditorCode");
            Envelope batch = bank.receive(Duration.ofSeconds(10)).orElseThrow();
            assertThat(batch.type()).isEqualTo(MessageType.FEED_BATCH);
            assertThat(batch.payload().path("payables")).hasSize(1);
            assertThat(batch.payload().path("payables").get(0).path("documentNumber").asText()).isEqualTo(doc);
            assertThat(batch.payload().path("payables").get(0).path("amount").decimalValue())
                    .isEqualByComparingTo("1234.50");

            // The same file again, this time renamed into inbox-atomic: duplicates, nothing delivered.
            await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(inbox("inbox").resolve("payables-small.csv")));
            Files.copy(file, inbox("inbox-atomic").resolve(".payables-again.csv"));
            Files.move(inbox("inbox-atomic").resolve(".payables-again.csv"), inbox("inbox-atomic").resolve("payables-again.csv"));
            assertThat(answer("payables-again.csv").get("duplicates")).isEqualTo("2");
            assertThat(bank.receive(Duration.ofSeconds(1))).isEmpty();
        }
    }

    @Test
    void aLinesLedgerHistoryHasTheBatchThatStoredItAndOnlyTheFunderBatchesThatCarriedIt() throws Exception {
        openRelationship();
        String seen = "AH-" + UUID.randomUUID().toString().substring(0, 8);
        String unseen = seen + "-nobody";
        String other = "913501002611234009";
        String csv = "供应商统一社会信用代码,单据号,金额,开票日期,到期日,确权状态\r\n"
                + SUPPLIER + "," + seen + ",10.00,20261101,20270501,已确权\r\n"
                + other + "," + unseen + ",20.00,20261101,20270501,已确权\r\n";
        Path file = tempDir("history").resolve("f.csv");
        Files.write(file, csv.getBytes(Charset.forName("GBK")));
        String name = "payables-history-" + seen + ".csv";
        try (FunderClient bank = funderClient(participant(BANK))) {
            assertThat(drop(file, name).get("accepted")).isEqualTo("2");
            await().atMost(Duration.ofSeconds(20)).until(() -> bank.receive(Duration.ofSeconds(1))
                    .filter(e -> e.type() == MessageType.FEED_BATCH).isPresent());
        }

        List<LedgerEntry> history = ledger.history(Subjects.receivable(SUPPLIER, CORE, seen));
        assertThat(history).extracting(LedgerEntry::direction, LedgerEntry::messageId)
                .contains(org.assertj.core.groups.Tuple.tuple(LedgerEntry.Direction.IN, name + "#1"));
        // The batch's entry records the SM3 of its lines as the file has them, as a REST batch's the request's bytes.
        String lines = csv.substring(csv.indexOf('\n') + 1);
        assertThat(history.stream().filter(e -> e.direction() == LedgerEntry.Direction.IN).findFirst().orElseThrow()
                .bodyHash()).isEqualTo(Hashes.sm3(lines.getBytes(Charset.forName("GBK"))));
        List<LedgerEntry> out = history.stream().filter(e -> e.direction() == LedgerEntry.Direction.OUT).toList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).type()).isEqualTo("FEED_BATCH");
        assertThat(out.get(0).receivers()).containsExactly(BANK);
        assertThat(count("ledger_subject WHERE subject LIKE 'receivable:%" + seen + "%'"))
                .as("a file's payables are indexed by their own rows, not a subject row per line").isZero();

        // The other supplier's line was stored by the same batch but went to no funder.
        assertThat(ledger.history(Subjects.receivable(other, CORE, unseen)))
                .extracting(LedgerEntry::direction, LedgerEntry::messageId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LedgerEntry.Direction.IN, name + "#1"));

        // The same file again is all duplicates: its batch took nothing, so it is in nobody's history.
        Files.delete(ROOT.resolve(CORE).resolve("outbox").resolve(name + ".result.csv"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(inbox("inbox").resolve(name)));
        assertThat(drop(file, name).get("duplicates")).isEqualTo("2");
        assertThat(ledger.history(Subjects.receivable(SUPPLIER, CORE, seen))).isEqualTo(history);
    }

    @Test
    void aFileWithSomeLinesSeenBeforeDeliversOnlyTheNewOnes() throws Exception {
        openRelationship();
        String doc = "PD-" + UUID.randomUUID().toString().substring(0, 8);
        String header = "供应商统一社会信用代码,单据号,金额,开票日期,到期日,确权状态\r\n";
        String first = SUPPLIER + "," + doc + "-1,1.00,20261101,20270501,已确权\r\n";
        String second = SUPPLIER + "," + doc + "-2,2.00,20261101,20270501,已确权\r\n";
        Path before = tempDir("partial").resolve("before.csv");
        Files.write(before, (header + first).getBytes(Charset.forName("GBK")));
        Path after = tempDir("partial").resolve("after.csv");
        Files.write(after, (header + first + second).getBytes(Charset.forName("GBK")));
        try (FunderClient bank = funderClient(participant(BANK))) {
            assertThat(drop(before, "payables-" + doc + "-a.csv").get("accepted")).isEqualTo("1");
            assertThat(documents(nextFeedBatch(bank))).containsExactly(doc + "-1");

            Map<String, String> answer = drop(after, "payables-" + doc + "-b.csv");
            assertThat(answer.get("accepted")).isEqualTo("2"); // a line seen before is answered as taken
            assertThat(answer.get("duplicates")).isEqualTo("1");
            assertThat(documents(nextFeedBatch(bank))).containsExactly(doc + "-2");
            assertThat(bank.receive(Duration.ofSeconds(1))).isEmpty();
        }
    }

    /**
     * A file of several chunks, each its own transaction while the next ones are read, hashed and planned on other
     * threads: the ledger, the deliveries and the answer follow the file's order, each chunk's entries together, and a
     * line that comes again in the next chunk is a duplicate there, delivered once and in the history of the chunk that
     * took it only.
     */
    @Test
    void aFileOfManyChunksIsLedgeredDeliveredAndAnsweredInItsOrder() throws Exception {
        openRelationship();
        CsvLayout layout = CsvLayout.load(Path.of("mappings/erp-fujian-demo-group-payables.yaml"));
        Path generated = tempDir("chunks").resolve("generated.csv");
        List<PayablesFileGenerator.BadLine> bad = PayablesFileGenerator.of(layout).seed(11).badEvery(1499)
                .documentsFrom(500_000_001L).write(generated, 34_000);
        Set<Long> badLines = new HashSet<>();
        bad.forEach(b -> badLines.add(b.lineNumber()));
        // The file's lines by their line number (the header is line 1), as bytes: bad lines may hold invalid GBK.
        List<byte[]> lines = new ArrayList<>();
        lines.add(new byte[0]);
        byte[] all = Files.readAllBytes(generated);
        for (int from = 0, to; from < all.length; from = to + 1) {
            to = from;
            while (all[to] != '\n') {
                to++;
            }
            lines.add(Arrays.copyOfRange(all, from, to));
        }
        assertThat(lines).hasSize(34_002);
        // Every tenth good line is the bank's supplier's, so each chunk sends the bank one batch. The document number
        // is the third column.
        List<String> banksDocuments = new ArrayList<>();
        for (int n = 10; n < lines.size(); n += 10) {
            if (!badLines.contains((long) n)) {
                String line = new String(lines.get(n), StandardCharsets.ISO_8859_1);
                lines.set(n, (SUPPLIER + line.substring(line.indexOf(','))).getBytes(StandardCharsets.ISO_8859_1));
                banksDocuments.add(line.split(",")[2]);
            }
        }
        // Two lines again, each in the chunk after the one that has it (chunks of 10,000 good lines).
        int[][] again = {{9_990, 10_507}, {19_950, 20_303}};
        for (int[] pair : again) {
            assertThat(badLines).doesNotContain((long) pair[0], (long) pair[1]);
            String replaced = new String(lines.get(pair[1]), StandardCharsets.ISO_8859_1).split(",")[2];
            lines.set(pair[1], lines.get(pair[0]));
            banksDocuments.remove(replaced);
        }
        Path file = tempDir("chunks").resolve("payables.csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            for (byte[] line : lines.subList(1, lines.size())) {
                out.write(line);
                out.write('\n');
            }
        }
        String name = "payables-chunks-" + UUID.randomUUID().toString().substring(0, 8) + ".csv";
        long payablesBefore = count("payable");

        Map<String, String> answer;
        List<String> delivered = new ArrayList<>();
        try (FunderClient bank = funderClient(participant(BANK))) {
            answer = drop(file, name);
            while (delivered.size() < banksDocuments.size()) {
                delivered.addAll(documents(nextFeedBatch(bank)));
            }
            assertThat(bank.receive(Duration.ofSeconds(1))).isEmpty();
        }
        assertThat(answer.get("lines")).isEqualTo("34000");
        assertThat(answer.get("rejected")).isEqualTo(String.valueOf(bad.size()));
        assertThat(answer.get("accepted")).isEqualTo(String.valueOf(34_000 - bad.size()));
        assertThat(answer.get("duplicates")).isEqualTo("2");
        assertThat(count("payable") - payablesBefore).isEqualTo(34_000 - bad.size() - 2);
        // Each of the bank's lines delivered once, in the file's order.
        assertThat(delivered).containsExactlyElementsOf(banksDocuments);
        // The answer's errors in line order.
        List<Long> errorLines = Files.readAllLines(ROOT.resolve(CORE).resolve("outbox").resolve(name + ".result.csv"),
                StandardCharsets.UTF_8).stream().skip(1).map(l -> l.split(",", 2)[0]).filter(c -> !c.isEmpty())
                .map(Long::valueOf).distinct().toList();
        assertThat(errorLines).containsExactlyElementsOf(bad.stream().map(b -> b.lineNumber()).toList());

        // The chunks' entries in the file's order, each chunk's together: its batch, then what it sent the bank.
        List<Long> chunkSeqs = jdbc.queryForList("SELECT seq FROM ledger WHERE message_id LIKE ? ORDER BY seq",
                Long.class, name + "#%");
        assertThat(jdbc.queryForList("SELECT message_id FROM ledger WHERE message_id LIKE ? ORDER BY seq",
                String.class, name + "#%")).containsExactly(name + "#1", name + "#2", name + "#3", name + "#4");
        int[] oneLineOfEachChunk = {5_010, 15_010, 25_010, 32_010};
        for (int k = 0; k < 4; k++) {
            assertThat(badLines).doesNotContain((long) oneLineOfEachChunk[k]);
            String document = new String(lines.get(oneLineOfEachChunk[k]), StandardCharsets.ISO_8859_1)
                    .split(",")[2];
            List<LedgerEntry> history = ledger.history(Subjects.receivable(SUPPLIER, CORE, document));
            // each line's own history, not the first one asked for (H2 answered every later call with the first's)
            assertThat(history).as("line %d: %s", oneLineOfEachChunk[k], history)
                    .extracting(LedgerEntry::direction, LedgerEntry::messageId).first()
                    .isEqualTo(tuple(LedgerEntry.Direction.IN, name + "#" + (k + 1)));
            assertThat(history).hasSize(2);
            assertThat(history.get(1).seq()).isGreaterThan(chunkSeqs.get(k));
            if (k < 3) {
                assertThat(history.get(1).seq()).isLessThan(chunkSeqs.get(k + 1));
            }
        }
        // A line that came again in the next chunk belongs to the chunk that took it, and to no other.
        String twice = new String(lines.get(9_990), StandardCharsets.ISO_8859_1).split(",")[2];
        List<LedgerEntry> twiceHistory = ledger.history(Subjects.receivable(SUPPLIER, CORE, twice));
        assertThat(twiceHistory).extracting(LedgerEntry::messageId).first().isEqualTo(name + "#1");
        assertThat(twiceHistory).hasSize(2);
        assertThat(verifier.verify().intact()).isTrue();
    }

    /**
     * Opens the supplier's relationship with the bank unless an earlier test of the class did.
     *
     * @return whether it was opened now (the bank is then told)
     */
    boolean openRelationship() throws Exception {
        if (count("financing_relationship WHERE supplier_code = '" + SUPPLIER + "' AND funder_code = '" + BANK
                + "' AND status = 'ACTIVE'") > 0) {
            return false;
        }
        Envelope open = new Envelope(UUID.randomUUID().toString(), null, MessageType.FINANCING_RELATIONSHIP,
                SUPPLIER, List.of(), OffsetDateTime.now(), json.valueToTree(new FinancingRelationship(
                "REL-" + UUID.randomUUID(), SUPPLIER, CORE, BANK, FinancingMode.SINGLE, RelationshipStatus.ACTIVE)),
                null);
        assertThat(http().post("/api/v1/messages", apiKey(participant(SUPPLIER)), "application/json",
                json.writeValueAsString(open)).statusCode()).isEqualTo(202);
        return true;
    }

    /** The next feed batch on the funder's queue, past any other message. */
    static Envelope nextFeedBatch(FunderClient funder) {
        Envelope[] found = new Envelope[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> funder.receive(Duration.ofSeconds(1))
                .filter(e -> e.type() == MessageType.FEED_BATCH).map(e -> found[0] = e).isPresent());
        return found[0];
    }

    static List<String> documents(Envelope batch) {
        List<String> documents = new java.util.ArrayList<>();
        batch.payload().path("payables").forEach(p -> documents.add(p.path("documentNumber").asText()));
        return documents;
    }

    long count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }
}
