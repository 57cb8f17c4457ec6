package com.receivableshub.reversefactoring;

import com.receivableshub.HubProperties;
import com.receivableshub.mapping.CsvLayout;
import com.receivableshub.mapping.CsvRecordReader;
import com.receivableshub.mapping.LineError;
import com.receivableshub.mapping.LineResult;
import com.receivableshub.mapping.MappedLine;
import com.receivableshub.mapping.RejectedFileException;
import com.receivableshub.mapping.RejectedLine;
import com.receivableshub.mapping.ResultFile;
import com.receivableshub.model.RecordError;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.ParticipantRole;
import com.receivableshub.pipeline.Hashes;
import com.receivableshub.security.HubLimits;
import com.receivableshub.reversefactoring.FeedIngest.FeedRecord;
import com.receivableshub.reversefactoring.FeedIngest.FeedResult;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A core enterprise's daily file, dropped in {@code <hub.erp-files.root>/<credit code>/inbox/}. The file's name
 * says what it holds ({@code payables-*.csv}, {@code adjustments-*}, {@code payments-*},
 * {@code collection-accounts-*}); the layout is the mapping file the enterprise's adapter names for it
 * ({@code formats: payables-file: mappings/...}). The file is streamed and taken in chunks, each one database
 * transaction, the next chunk read while the previous one is stored; the answer goes to
 * {@code <credit code>/outbox/<file>.result.csv}. The route moves the file away only
 * after every chunk has committed.
 */
@Component("erpFiles")
public class ErpFiles {

    /** Set on the exchange when the hub stopped reading a file because it is shutting down. */
    public static final String LEFT_FOR_RESTART = "erpFilesLeftForRestart";
    private static final Logger LOG = LoggerFactory.getLogger(ErpFiles.class);
    private static final List<String> KINDS = List.of("collection-accounts", "adjustments", "payments", "payables");

    private final ParticipantDirectory directory;
    private final FeedIngest feed;
    private final HubProperties hub;
    private final Map<Path, CsvLayout> layouts = new ConcurrentHashMap<>();
    private final int chunkSize;
    private final HubLimits limits;

    public ErpFiles(ParticipantDirectory directory, FeedIngest feed, HubProperties hub,
                    @org.springframework.beans.factory.annotation.Value("${hub.erp-files.chunk-size:10000}") int chunkSize,
                    HubLimits limits) {
        this.limits = limits;
        this.directory = directory;
        this.feed = feed;
        this.hub = hub;
        this.chunkSize = chunkSize;
    }

    /** What became of one file. */
    public record FileResult(String file, long lines, long accepted, long rejected, long duplicates) {
    }

    public FileResult ingest(Exchange exchange) throws IOException {
        File file = exchange.getMessage().getBody(File.class);
        Path path = file.toPath();
        String name = path.getFileName().toString();
        String coreCode = path.getParent().getParent().getFileName().toString();
        Path outbox = path.getParent().getParent().resolve("outbox");
        Files.createDirectories(outbox);
        // Written under a temporary name and renamed when complete, so the ERP never reads half an answer.
        Path partial = outbox.resolve(name + ".result.csv.part");
        FileResult answer;
        try (ResultFile result = ResultFile.create(partial)) {
            answer = ingest(path, name, coreCode, result, () -> stopping(exchange));
        }
        Files.move(partial, outbox.resolve(name + ".result.csv"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return answer;
    }

    /**
     * The hub is shutting down: the file is not read further. What committed stays (a restart counts it as
     * duplicates); the file stays in the inbox (see {@link ErpFileProcessStrategy}).
     */
    private static boolean stopping(Exchange exchange) {
        if (exchange.getContext().isStopping() || exchange.getContext().isStopped() || jvmShuttingDown()) {
            exchange.setProperty(LEFT_FOR_RESTART, true);
            return true;
        }
        return false;
    }

    /**
     * SIGTERM: the JVM runs its shutdown hooks side by side, so the database may be going away (H2 closes itself in
     * its own hook) before Camel is told to stop.
     */
    static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** Thrown between two chunks of a file when the hub is shutting down. */
    public static final class LeftForRestartException extends RuntimeException {
        public LeftForRestartException(String file, long lines, Throwable cause) {
            super("the hub is shutting down: file " + file + " stops after " + lines
                    + " lines, whose chunks are committed; it stays in the inbox and is taken again at the next start",
                    cause, false, false);
        }
    }

    private FileResult ingest(Path path, String name, String coreCode, ResultFile result,
                              java.util.function.BooleanSupplier stopping) throws IOException {
        Participant core = directory.byCode(coreCode).filter(p -> p.has(ParticipantRole.CORE_ENTERPRISE))
                .orElse(null);
        String kind = KINDS.stream().filter(k -> name.startsWith(k + "-") || name.startsWith(k + "."))
                .findFirst().orElse(null);
        String mapping = core == null || kind == null ? null : core.formats().get(kind + "-file");
        if (mapping == null) {
            result.fileRefused(new RejectedFileException(name, List.of(new LineError(0, "",
                    core == null ? "'" + coreCode + "' is not a core enterprise of the platform"
                            : kind == null ? "the file name must start with one of " + KINDS
                            : core.source() + " names no layout '" + kind + "-file' in formats"))));
            result.finish(0);
            return new FileResult(name, 0, 0, 0, 0);
        }
        long size = Files.size(path);
        if (size > limits.erpFile().toBytes()) {
            // refused unread: nothing of it is taken, the result file says why
            result.fileRefused(new RejectedFileException(name, List.of(new LineError(0, "",
                    "the file is " + size + " bytes, " + HubLimits.over(limits.erpFile(), "erp-file")))));
            result.finish(0);
            LOG.warn("file {} of {} refused: {} bytes, over hub.limits.erp-file", name, coreCode, size);
            return new FileResult(name, 0, 0, 0, 0);
        }
        CsvLayout layout = layouts.computeIfAbsent(hub.homePath().resolve(mapping), CsvLayout::load);
        long duplicates = 0;
        // A pipeline: this thread reads and maps a chunk, the hash and plan threads prepare the chunk before (see
        // Prepared), the store thread writes the one before that. One chunk at a time in the
        // database, in order, and every line of the answer written by the store thread in file order.
        ExecutorService hashing = Executors.newSingleThreadExecutor(r -> new Thread(r, "erp-file-hash"));
        ExecutorService planning = Executors.newSingleThreadExecutor(r -> new Thread(r, "erp-file-plan"));
        ExecutorService store = Executors.newSingleThreadExecutor(r -> new Thread(r, "erp-file-store"));
        java.util.ArrayDeque<Future<Long>> pending = new java.util.ArrayDeque<>();
        try (InputStream in = Files.newInputStream(path);
             CsvRecordReader reader = CsvRecordReader.open(layout, in)) {
            List<LineResult> chunk = new ArrayList<>(chunkSize);
            // the chunk's lines as the file has them: the chunk's ledger entry records their SM3
            int rawSize = (int) Math.min(size + 1, chunkSize * 320L);
            ByteArrayOutputStream raw = new ByteArrayOutputStream(rawSize);
            reader.copyLinesTo(raw);
            int mappedInChunk = 0;
            int chunkNo = 0;
            for (LineResult line : reader) {
                chunk.add(line);
                if (line instanceof MappedLine && ++mappedInChunk == chunkSize) {
                    while (pending.size() >= 2) {
                        duplicates += done(pending.poll());
                    }
                    if (stopping.getAsBoolean()) {
                        duplicates += drain(pending);
                        throw new LeftForRestartException(name, result.lines(), null);
                    }
                    pending.add(submit(hashing, planning, store, core, name + "#" + (++chunkNo), chunk, raw,
                            result, stopping));
                    chunk = new ArrayList<>(chunkSize);
                    raw = new ByteArrayOutputStream(rawSize);
                    reader.copyLinesTo(raw);
                    mappedInChunk = 0;
                }
            }
            if (!chunk.isEmpty()) {
                if (stopping.getAsBoolean()) {
                    duplicates += drain(pending);
                    throw new LeftForRestartException(name, result.lines(), null);
                }
                String batchId = name + "#" + (mappedInChunk == 0 ? chunkNo : ++chunkNo);
                pending.add(submit(hashing, planning, store, core, batchId, chunk, raw, result, stopping));
            }
            duplicates += drain(pending);
        } catch (RejectedFileException e) {
            duplicates += drain(pending);
            result.fileRefused(e);
        } finally {
            hashing.shutdownNow();
            planning.shutdownNow();
            store.shutdownNow();
        }
        result.finish(duplicates);
        LOG.info("file {} of {}: {} lines, {} accepted, {} rejected, {} duplicates", name, coreCode,
                result.lines(), result.accepted(), result.rejected(), duplicates);
        return new FileResult(name, result.lines(), result.accepted(), result.rejected(), duplicates);
    }

    /**
     * Prepares a chunk on two threads, one hashing its records for the ledger and one planning its funder batches,
     * then stores it on the store thread.
     */
    private Future<Long> submit(ExecutorService hashing, ExecutorService planning, ExecutorService store,
                                Participant core, String batchId, List<LineResult> chunk, ByteArrayOutputStream raw,
                                ResultFile result, java.util.function.BooleanSupplier stopping) {
        List<FeedRecord> records = records(chunk);
        Future<String> hash = hashing.submit(() -> hash(raw));
        Future<FeedIngest.Plan> plan = planning.submit(() -> feed.plan(core, batchId, records));
        return store.submit(() -> flush(core, chunk, new Prepared(batchId, records, done(hash), done(plan)), result,
                stopping));
    }

    /** Waits for every chunk in flight, oldest first. */
    private static long drain(java.util.Queue<Future<Long>> pending) throws IOException {
        long duplicates = 0;
        while (!pending.isEmpty()) {
            duplicates += done(pending.poll());
        }
        return duplicates;
    }

    /**
     * A chunk's batch id, its mapped records, the SM3 hash of its lines as the file has them (which the chunk's ledger
     * entry records) and its funder batches planned as if every line were new ({@link FeedIngest#plan}): made on the
     * hash and plan threads while the store thread writes the chunk before and the reading thread reads the next, so
     * that the store thread mostly waits on the database and the other core does the rest.
     */
    private record Prepared(String batchId, List<FeedRecord> records, String hash, FeedIngest.Plan plan) {
    }

    private static List<FeedRecord> records(List<LineResult> chunk) {
        List<FeedRecord> records = new ArrayList<>(chunk.size());
        for (LineResult line : chunk) {
            if (line instanceof MappedLine mapped) {
                records.add(new FeedRecord(Long.toString(mapped.lineNumber()), mapped.record()));
            }
        }
        return records;
    }

    /**
     * The SM3 of a chunk's lines as the file has them, which its ledger entry records (as a REST batch's entry records
     * the SM3 of the request's bytes): what the core enterprise sent, whatever became of each line.
     */
    private static String hash(ByteArrayOutputStream raw) throws IOException {
        Hashes.Sm3Stream digest = Hashes.sm3Stream();
        raw.writeTo(digest);
        return digest.hex();
    }

    /** Waits for a chunk's step; its failure is the file's. */
    private static <T> T done(Future<T> pending) throws IOException {
        try {
            return pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while a chunk was stored", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private long flush(Participant core, List<LineResult> chunk, Prepared prepared, ResultFile result,
                       java.util.function.BooleanSupplier stopping) throws IOException {
        try {
            return flush(core, chunk, prepared, result);
        } catch (RuntimeException e) {
            // A chunk that failed because the hub is going down (its database closing) rolled back: the file is
            // taken again at the next start, from its first line, idempotently.
            if (stopping.getAsBoolean()) {
                String batchId = prepared.batchId();
                throw new LeftForRestartException(batchId.substring(0, batchId.lastIndexOf('#')), result.lines(), e);
            }
            throw e;
        }
    }

    /** Stores a chunk's mapped lines in one transaction and writes the answer of every line of it, in order. */
    private long flush(Participant core, List<LineResult> chunk, Prepared prepared, ResultFile result)
            throws IOException {
        if (prepared.records().isEmpty()) {
            chunk.forEach(result::add);
            return 0;
        }
        FeedResult answer = feed.ingestHashed(core, prepared.batchId(), prepared.records(), prepared.hash(), false,
                prepared.plan());
        if (answer.rejected().isEmpty()) {
            chunk.forEach(result::add);
            return answer.duplicates();
        }
        Map<String, List<RecordError>> refused = new HashMap<>();
        for (RecordError e : answer.rejected()) {
            refused.computeIfAbsent(e.recordRef(), r -> new ArrayList<>()).add(e);
        }
        for (LineResult line : chunk) {
            List<RecordError> errors = line instanceof MappedLine mapped
                    ? refused.get(Long.toString(mapped.lineNumber())) : null;
            if (errors == null) {
                result.add(line);
            } else {
                long lineNumber = ((MappedLine) line).lineNumber();
                result.add(new RejectedLine(lineNumber, errors.stream()
                        .map(e -> new LineError(lineNumber, e.field(), e.reason())).toList()));
            }
        }
        return answer.duplicates();
    }
}
