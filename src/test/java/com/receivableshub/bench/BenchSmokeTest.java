package com.receivableshub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The benchmark itself, run small as CI runs it: every figure and ratio line is well formed, the ingest counts add
 * up, and the start-up figure is there. The targets are not asserted here (they need the full size on a quiet
 * machine); only that a target line says PASS or MISS.
 */
class BenchSmokeTest {

    static final Pattern BENCH = Pattern.compile("BENCH ([a-z0-9_.]+) (-?[0-9]+(?:\\.[0-9]{3})?) (\\S+)");
    static final Pattern RATIO = Pattern.compile("RATIO ([a-z0-9_.]+) ([0-9]+\\.[0-9]{3}) target>=([0-9]+\\.[0-9]{2})"
            + " (PASS|MISS)");
    static final Pattern TARGET = Pattern.compile("TARGET ([a-z0-9_.]+) (-?[0-9]+(?:\\.[0-9]{3})?) (\\S+)"
            + " <=(-?[0-9]+(?:\\.[0-9]{3})?) (PASS|MISS)");

    @Test
    void aSmallRunPrintsEveryFigureWellFormedAndTheCountsMatch() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int exit = Bench.run(new String[] {"--lines", "10000", "--seconds", "2"},
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String out = buffer.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(out).isZero();
        Map<String, Double> figures = new HashMap<>();
        Map<String, String> ratios = new HashMap<>();
        Map<String, String> targets = new HashMap<>();
        for (String line : out.split("\\R")) {
            if (line.startsWith("BENCH ")) {
                Matcher m = BENCH.matcher(line);
                assertThat(m.matches()).as("well formed: " + line).isTrue();
                figures.put(m.group(1), Double.parseDouble(m.group(2)));
            } else if (line.startsWith("RATIO ")) {
                Matcher m = RATIO.matcher(line);
                assertThat(m.matches()).as("well formed: " + line).isTrue();
                ratios.put(m.group(1), m.group(4));
            } else if (line.startsWith("TARGET ")) {
                Matcher m = TARGET.matcher(line);
                assertThat(m.matches()).as("well formed: " + line).isTrue();
                targets.put(m.group(1), m.group(5));
            }
        }

        assertThat(figures).as(out).containsKeys("ingest.lines_per_s", "ingest.seconds", "ingest.peak_heap_mb",
                "ingest.limit_lines_per_s", "ingest.seconds_1m_scaled", "startup.seconds");
        assertThat(figures.get("ingest.lines")).isEqualTo(10_000);
        assertThat(figures.get("ingest.accepted")).isEqualTo(10_000);
        assertThat(figures.get("ingest.consumed")).isEqualTo(10_000);
        assertThat(figures.get("ingest.lines_per_s")).isPositive();
        assertThat(figures.get("ingest.limit_lines_per_s")).isPositive();
        assertThat(figures.get("ingest.peak_heap_mb")).isPositive().isLessThanOrEqualTo(512);
        assertThat(figures.get("ingest.lines_per_s"))
                .isCloseTo(10_000 / figures.get("ingest.seconds"), org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(ratios).containsKey("ingest");
        // The one-million-line target is judged only at that size.
        assertThat(targets).containsKey("startup.seconds").doesNotContainKey("ingest.seconds_1m");
        assertThat(out).doesNotContain("CRASH");
    }
}
