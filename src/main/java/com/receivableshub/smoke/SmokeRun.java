package com.receivableshub.smoke;

import com.receivableshub.ReceivablesHubApplication;
import com.receivableshub.trust.DemoPkiEarlyStart;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar receivables-hub.jar smoke}: starts the hub with the demo participants on a fresh data folder and
 * free ports, drives every flow through the real interfaces, prints one line per step and a summary, and exits 0
 * only if every step passed. Extra arguments (profiles, properties) are passed to the hub.
 */
public final class SmokeRun {

    private SmokeRun() {
    }

    public static int run(String[] args, PrintStream out) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("hub-smoke");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("server.port", 0);
        props.put("hub.data-dir", dataDir.toString());
        props.put("hub.broker.port", freePort());
        props.put("hub.secrets.generate-missing", true);
        props.put("hub.demo.traffic", false);
        props.put("hub.demo.partners-port", freePort());
        props.put("hub.relay.period-ms", 50);
        SpringApplication app = new SpringApplication(ReceivablesHubApplication.class);
        app.setAdditionalProfiles("demo", "smoke");
        // as the hub's main class starts it
        app.addInitializers(new DemoPkiEarlyStart());
        // As command-line arguments, so they win over config/; the operator's own arguments come last and win over them.
        List<String> arguments = new ArrayList<>();
        props.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        arguments.addAll(List.of(args));
        int[] counts;
        try (ConfigurableApplicationContext context = app.run(arguments.toArray(String[]::new))) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            counts = runSteps(context, new SmokeContext(context, port), line -> out.println("SMOKE " + line));
        }
        int passed = counts[0];
        int failed = counts[1];
        out.printf("SMOKE SUMMARY passed=%d failed=%d%n", passed, failed);
        return failed == 0 && passed > 0 ? 0 : 1;
    }

    /**
     * Runs every flow's steps in order, reporting one line per step ({@code <flow>.<step> PASS|FAIL <ms> <detail>}).
     *
     * @return the number of steps passed and failed
     */
    public static int[] runSteps(ApplicationContext context, SmokeContext smoke, Consumer<String> report) {
        List<SmokeSteps> flows = new ArrayList<>(context.getBeansOfType(SmokeSteps.class).values());
        flows.sort(Comparator.comparingInt(SmokeSteps::order));
        int passed = 0;
        int failed = 0;
        for (SmokeSteps flow : flows) {
            for (SmokeStep step : flow.steps(smoke)) {
                long start = System.nanoTime();
                String status;
                String detail;
                try {
                    detail = step.action().run();
                    status = "PASS";
                    passed++;
                } catch (Exception | AssertionError e) {
                    detail = e.getClass().getSimpleName() + ": " + e.getMessage();
                    status = "FAIL";
                    failed++;
                }
                long ms = (System.nanoTime() - start) / 1_000_000;
                report.accept(String.format("%s %s %d %s", step.name(), status, ms, oneLine(detail)));
            }
        }
        return new int[] {passed, failed};
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
