package com.receivableshub;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The training run of the class data sharing archive ({@code docker/cds-archive.sh}) starts the hub with
 * {@code hub.exit-when-ready=true}: once the hub is ready it asks its own {@code /actuator/health} until that answers
 * UP, as a readiness probe would, then stops the hub and exits (0; 1 if health did not come UP within a minute). The
 * JVM then writes every class the whole start loaded, the routes, the SOAP endpoint and Tomcat included, to the
 * archive.
 */
@Component
@ConditionalOnProperty(name = "hub.exit-when-ready", havingValue = "true")
class ExitWhenReady {

    private static final Logger LOG = LoggerFactory.getLogger(ExitWhenReady.class);

    @EventListener(ApplicationReadyEvent.class)
    void ready(ApplicationReadyEvent event) {
        ConfigurableApplicationContext context = event.getApplicationContext();
        String port = context.getEnvironment().getProperty("local.server.port", "8080");
        Thread exit = new Thread(() -> {
            boolean up = awaitUp(URI.create("http://127.0.0.1:" + port + "/actuator/health"));
            int code = SpringApplication.exit(context, () -> up ? 0 : 1);
            System.exit(code);
        }, "exit-when-ready");
        exit.start();
    }

    private static boolean awaitUp(URI health) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200 && r.body().startsWith("{\"status\":\"UP\"")) {
                    LOG.info("health UP; exiting (hub.exit-when-ready)");
                    return true;
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                last = e.toString();
            }
        }
        LOG.error("health did not come UP within a minute (hub.exit-when-ready); last answer: {}", last);
        return false;
    }
}
