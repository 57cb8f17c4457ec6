package com.receivableshub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.receivableshub.support.HubTestSupport;
import com.receivableshub.support.PostgresSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The SOAP and signing parts of the benchmark, run for about two seconds each: they print well-formed figure, ratio
 * and target lines, count no errors, and every award the SOAP part counted as accepted is in the database.
 */
class SoapAndSigningBenchTest {

    private static final Pattern FIGURE = Pattern.compile("BENCH ([a-z0-9_.]+) (-?\\d+(?:\\.\\d+)?) (\\S+)");
    private static final Pattern RATIO = Pattern.compile("RATIO ([a-z0-9_.]+) (\\d+\\.\\d{3}) target>=(\\d+\\.\\d{2}) (PASS|MISS)");
    private static final Pattern TARGET = Pattern.compile("TARGET ([a-z0-9_.]+) (-?\\d+(?:\\.\\d+)?) (\\S+) <=(\\S+) (PASS|MISS)");

    @Test
    void soapPartMeasuresAwardsThatWereReallyStored() throws Exception {
        String database = "bench_soap_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String url = SoapBench.createDatabase(database);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SoapBench soap = new SoapBench();
            soap.run(new BenchOptions(0, 2, 4, url, HubTestSupport.tempDir("bench-test")), report(out));
            System.out.print(out.toString(StandardCharsets.UTF_8));
            Printed printed = parse(out);

            assertThat(printed.figures).containsKeys("soap.award.requests_per_s", "soap.award.p50_ms",
                    "soap.award.p99_ms", "soap.award.errors", "soap.echo.requests_per_s", "soap.echo.p50_ms",
                    "soap.echo.p99_ms", "soap.echo.errors", "soap.award.accepted", "soap.award.stored");
            assertThat(printed.ratios).containsKey("soap");
            assertThat(printed.targets).containsKeys("soap.award.p99_ms", "soap.award.unstored");
            assertThat(printed.figures.get("soap.award.errors")).as("award errors").isZero();
            assertThat(printed.figures.get("soap.echo.errors")).as("echo errors").isZero();
            assertThat(printed.figures.get("soap.award.requests_per_s")).isPositive();
            assertThat(printed.figures.get("soap.echo.requests_per_s")).isPositive();
            assertThat(printed.figures.get("soap.award.p99_ms"))
                    .isGreaterThanOrEqualTo(printed.figures.get("soap.award.p50_ms"));
            double ratio = printed.figures.get("soap.award.requests_per_s")
                    / printed.figures.get("soap.echo.requests_per_s");
            assertThat(printed.ratios.get("soap")).isCloseTo(ratio, org.assertj.core.data.Offset.offset(0.01));

            // Counted by this test on its own connection, not by the benchmark.
            long accepted = printed.figures.get("soap.award.accepted").longValue();
            String prefix = soap.last().runId();
            assertThat(accepted).isPositive().isEqualTo(soap.last().accepted())
                    .isGreaterThan(soap.last().award().okTotal()); // both rounds' awards
            assertThat(printed.figures).containsKeys("soap.award.first_round_requests_per_s",
                    "soap.echo.first_round_requests_per_s");
            assertThat(count(url, "SELECT COUNT(*) FROM award_notice WHERE notice_id LIKE 'ZB" + prefix + "-%'"))
                    .isEqualTo(accepted);
            assertThat(count(url, "SELECT COUNT(*) FROM inbound_message WHERE type = 'AWARD_NOTICE' AND channel = 'SOAP'"))
                    .isEqualTo(accepted);
            assertThat(count(url, "SELECT COUNT(*) FROM ledger WHERE direction = 'IN' AND type = 'AWARD_NOTICE'"))
                    .isEqualTo(accepted);
            assertThat(printed.figures.get("soap.award.stored").longValue()).isEqualTo(accepted);
        } finally {
            SoapBench.dropDatabase(database);
        }
    }

    @Test
    void signingPartComparesTheHubWithRawBouncyCastle() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SigningBench signing = new SigningBench();
        signing.run(new BenchOptions(0, 2, 1, null, HubTestSupport.tempDir("bench-test")), report(out));
        System.out.print(out.toString(StandardCharsets.UTF_8));
        Printed printed = parse(out);

        assertThat(printed.figures).containsKeys("signing.hub_per_s", "signing.raw_bc_per_s");
        assertThat(printed.figures.get("signing.hub_per_s")).isPositive();
        assertThat(printed.figures.get("signing.raw_bc_per_s")).isPositive();
        assertThat(printed.ratios).containsKey("signing");
        assertThat(signing.last().hubSignatures()).isPositive();
        assertThat(signing.last().rawSignatures()).isPositive();
        assertThat(printed.ratios.get("signing")).isCloseTo(
                printed.figures.get("signing.hub_per_s") / printed.figures.get("signing.raw_bc_per_s"),
                org.assertj.core.data.Offset.offset(0.01));
    }

    private static BenchReport report(ByteArrayOutputStream out) {
        return new BenchReport(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    private record Printed(Map<String, Double> figures, Map<String, Double> ratios, Map<String, Double> targets) {
    }

    /** Every printed line must be one of the three shapes. */
    private static Printed parse(ByteArrayOutputStream out) {
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).isNotEmpty();
        Map<String, Double> figures = new LinkedHashMap<>();
        Map<String, Double> ratios = new LinkedHashMap<>();
        Map<String, Double> targets = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher f = FIGURE.matcher(line);
            Matcher r = RATIO.matcher(line);
            Matcher t = TARGET.matcher(line);
            if (f.matches()) {
                assertThat(figures.put(f.group(1), Double.parseDouble(f.group(2)))).as("printed twice: " + line).isNull();
            } else if (r.matches()) {
                ratios.put(r.group(1), Double.parseDouble(r.group(2)));
                boolean pass = Double.parseDouble(r.group(2)) >= Double.parseDouble(r.group(3));
                assertThat(r.group(4)).as(line).isEqualTo(pass ? "PASS" : "MISS");
            } else if (t.matches()) {
                targets.put(t.group(1), Double.parseDouble(t.group(2)));
                boolean pass = Double.parseDouble(t.group(2)) <= Double.parseDouble(t.group(4));
                assertThat(t.group(5)).as(line).isEqualTo(pass ? "PASS" : "MISS");
            } else {
                throw new AssertionError("not a figure, ratio or target line: '" + line + "'");
            }
        }
        return new Printed(figures, ratios, targets);
    }

    private static long count(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, PostgresSchema.USER, "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
