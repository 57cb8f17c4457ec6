package com.receivableshub.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark: {@code bench/run [--lines N] [--only part] [--seconds S] [--clients C]}. Runs the parts in order
 * (ingest, soap, signing, start-up) against a fresh PostgreSQL database made for this run and dropped at the end,
 * and prints their figures. A part that is not built is skipped; a part that crashes makes the exit code non-zero.
 * Missed targets are printed (MISS), not failures.
 */
public final class Bench {

    static final List<String> PARTS = List.of("com.receivableshub.bench.IngestBench",
            "com.receivableshub.bench.SoapBench", "com.receivableshub.bench.SigningBench",
            "com.receivableshub.bench.StartupBench");

    /** Where the benchmark databases are made: a PostgreSQL server, without a database name. */
    static final String PG_SERVER = System.getenv().getOrDefault("HUB_BENCH_PG_SERVER", "jdbc:postgresql://127.0.0.1:5432/");
    static final String PG_USER = System.getenv().getOrDefault("HUB_BENCH_PG_USER", "postgres");

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    /** Runs the benchmark; returns the exit code: 0 unless a part crashed or the arguments are wrong. */
    public static int run(String[] args, PrintStream out) throws Exception {
        long lines = 1_000_000;
        int seconds = 10;
        int clients = 16;
        String only = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--lines" -> lines = Long.parseLong(require(args[i], value).replace("_", ""));
                case "--seconds" -> seconds = Integer.parseInt(require(args[i], value));
                case "--clients" -> clients = Integer.parseInt(require(args[i], value));
                case "--only" -> only = require(args[i], value);
                default -> {
                    out.println("usage: bench/run [--lines N] [--only ingest|soap|signing|startup] [--seconds S]"
                            + " [--clients C]; unknown argument " + args[i]);
                    return 2;
                }
            }
            i++;
        }
        Path runs = Files.createDirectories(Path.of(System.getProperty("bench.workRoot", "target/bench-runs"))
                .toAbsolutePath());
        Path workDir = Files.createTempDirectory(runs, "run-");
        String database = "bench_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss_SSS"));
        BenchOptions options = new BenchOptions(lines, seconds, clients, PG_SERVER + database, workDir);
        BenchReport report = new BenchReport(out);
        int crashed = 0;
        execute(PG_SERVER + "postgres", "CREATE DATABASE " + database);
        try {
            for (BenchPart part : parts(out)) {
                if (only != null && !only.equals(part.name())) {
                    continue;
                }
                out.println("# part " + part.name());
                out.flush();
                try {
                    part.run(options, report);
                } catch (Exception | Error e) {
                    crashed++;
                    out.println("CRASH " + part.name() + " " + e);
                    e.printStackTrace(out);
                    out.flush();
                }
            }
        } finally {
            execute(PG_SERVER + "postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            if (crashed == 0) {
                deleteTree(workDir);
            } else {
                out.println("# logs kept in " + workDir);
            }
        }
        out.println("# " + report.missed() + " target(s) missed, " + crashed + " part(s) crashed");
        out.flush();
        return crashed == 0 ? 0 : 1;
    }

    private static List<BenchPart> parts(PrintStream out) throws ReflectiveOperationException {
        List<BenchPart> parts = new ArrayList<>();
        for (String name : PARTS) {
            Class<?> type;
            try {
                type = Class.forName(name);
            } catch (ClassNotFoundException e) {
                out.println("SKIP " + name.substring(name.lastIndexOf('.') + 1) + " not built");
                continue;
            }
            parts.add((BenchPart) type.getDeclaredConstructor().newInstance());
        }
        return parts;
    }

    private static String require(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }

    static void execute(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, PG_USER, "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // scratch space only
        }
    }
}
