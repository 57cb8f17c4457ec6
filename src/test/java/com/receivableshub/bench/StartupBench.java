package com.receivableshub.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Start-up: seconds from starting the hub's process to /actuator/health UP, with the embedded defaults (H2 and the
 * embedded broker in a fresh data folder), no demo profile; and the CPU seconds the hub used until then. Under
 * {@code bench/run} the hub runs from the extracted jar with its class data sharing archive, made before the part
 * starts (see {@link HubLauncher}).
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
            // The CPU the hub used to get there: on a shared machine the wall time says how busy the machine was,
            // this says how much work starting the hub is.
            double cpu = hub.cpuSeconds();
            report.figure("startup.seconds", Math.round(seconds * 1000) / 1000.0, "s");
            report.figure("startup.cpu_seconds", Math.round(cpu * 1000) / 1000.0, "s");
            report.atMost("startup.seconds", Math.round(seconds * 1000) / 1000.0, 6, "s");
        }
    }
}
