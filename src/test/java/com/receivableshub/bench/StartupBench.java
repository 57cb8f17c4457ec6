package com.receivableshub.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Start-up: seconds from starting the hub's process to /actuator/health UP, with the embedded defaults (H2 and the
 * embedded broker in a fresh data folder), no demo profile.
 */
public final class StartupBench implements BenchPart {

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public void run(BenchOptions options, BenchReport report) throws Exception {
        try (HubLauncher hub = HubLauncher.start(options.workDir().resolve("startup-data"), List.of(), Map.of(),
                "startup")) {
            double seconds = hub.awaitUp(Duration.ofMinutes(10));
            report.figure("startup.seconds", Math.round(seconds * 1000) / 1000.0, "s");
            report.atMost("startup.seconds", Math.round(seconds * 1000) / 1000.0, 6, "s");
        }
    }
}
