package com.receivableshub.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The smoke run as an operator starts it: every step passes and the summary counts them. */
class SmokeRunTest {

    @Test
    void everyStepPassesAndTheSummaryCountsThem() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int exit = SmokeRun.run(new String[] {"--spring.artemis.embedded.server-id=900"},
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        List<String> lines = buffer.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("SMOKE ")).toList();

        List<String> steps = lines.stream().filter(l -> !l.startsWith("SMOKE SUMMARY")).toList();
        assertThat(steps).extracting(l -> l.split(" ")[1]).contains("foundation.health", "foundation.database",
                "foundation.identity-rest", "foundation.identity-broker", "foundation.queue-roundtrip",
                "foundation.soap-in-queue-out");
        assertThat(steps).extracting(l -> l.split(" ")[1]).contains("trust.sign-verify", "trust.forged-notice-refused",
                "trust.double-financing-refused", "trust.ledger-verify");
        assertThat(steps).extracting(l -> l.split(" ")[1]).contains("reliability.partner-outage-recovered",
                "reliability.dead-letter-replayed", "security.forged-caller-refused", "security.xxe-refused");
        for (int i = 1; i <= 8; i++) {
            String prefix = "SMOKE procurement." + i + " ";
            assertThat(steps).anySatisfy(step -> assertThat(step).startsWith(prefix));
        }
        for (int i = 1; i <= 10; i++) {
            String prefix = "SMOKE reverse-factoring." + i + " ";
            assertThat(steps).anySatisfy(step -> assertThat(step).startsWith(prefix));
        }
        assertThat(steps).allSatisfy(l -> assertThat(l).matches("SMOKE \\S+ PASS \\d+ .*"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("SMOKE SUMMARY passed=" + steps.size() + " failed=0");
        assertThat(exit).isZero();
    }
}
