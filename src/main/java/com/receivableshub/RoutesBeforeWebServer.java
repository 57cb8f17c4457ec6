package com.receivableshub;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spring.boot.CamelSpringBootApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.stereotype.Component;

/**
 * Starts Camel (its routes loaded, its consumers started) before the web server opens its port, so that nothing
 * reaches the hub over HTTP before every route is up.
 *
 * <p>Camel Spring Boot starts Camel on the context's refreshed event, which Spring publishes after it has started
 * every lifecycle bean, the web server included. Until then the port was open while the routes were still being
 * made: a REST call or a SOAP request answered 404, and each health probe (readiness checks, the start-up benchmark)
 * ran the health indicators against a half-started hub, on the same two cores the start needed. Here the same two
 * steps Camel Spring Boot takes on that event (load the routes, start the context) run in a lifecycle phase before
 * the web server's; when the event comes, Camel finds itself started and leaves it at that. Stopping is unchanged:
 * the web server stops first, then Camel, in their own phases.
 */
@Component
public class RoutesBeforeWebServer implements SmartLifecycle {

    /** Before Spring Boot's web server (its phase is {@code Integer.MAX_VALUE - 2048}). */
    static final int PHASE = Integer.MAX_VALUE - 4096;

    private final ConfigurableApplicationContext context;
    private volatile boolean running;

    public RoutesBeforeWebServer(ConfigurableApplicationContext context) {
        this.context = context;
    }

    @Override
    public void start() {
        CamelContext camel = context.getBeanProvider(CamelContext.class).getIfAvailable();
        CamelSpringBootApplicationListener routes =
                context.getBeanProvider(CamelSpringBootApplicationListener.class).getIfAvailable();
        // Camel's Spring test support holds the start (NO_START) and starts Camel itself once the test's context is
        // made: then the refreshed event loads the routes, as without this bean.
        if (camel != null && routes != null && !DefaultCamelContext.isNoStart() && camel.getStatus().isStopped()) {
            routes.onApplicationEvent(new ContextRefreshedEvent(context));
            camel.start();
        }
        running = true;
    }

    @Override
    public void stop() {
        // Camel stops in its own phase, after the web server.
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
