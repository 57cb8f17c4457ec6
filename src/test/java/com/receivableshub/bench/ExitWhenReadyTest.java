package com.receivableshub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The class data sharing archive's training run (docker/cds-archive.sh) starts the hub with
 * hub.exit-when-ready=true: the hub stops by itself, exit code 0, once its /actuator/health answered UP.
 */
class ExitWhenReadyTest {

    private static final Pattern CAMEL_STARTED = Pattern.compile("Apache Camel \\S+ \\(receivables-hub\\) started");

    @Test
    void theHubExitsByItselfOnceHealthIsUp() throws Exception {
        Path work = Files.createTempDirectory("exit-when-ready");
        try (HubLauncher hub = HubLauncher.start(work.resolve("data"), List.of(),
                Map.of("hub.exit-when-ready", "true"), "exit-when-ready")) {
            assertThat(hub.awaitExit(Duration.ofMinutes(3))).isZero();
            String log = Files.readString(hub.log());
            assertThat(log).contains("health UP; exiting (hub.exit-when-ready)");
            // health went UP only after every route had started
            Matcher camelStarted = CAMEL_STARTED.matcher(log);
            assertThat(camelStarted.find()).isTrue();
            assertThat(camelStarted.start()).isLessThan(log.indexOf("health UP; exiting"));
        }
    }
}
