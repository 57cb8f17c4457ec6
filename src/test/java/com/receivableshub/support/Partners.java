package com.receivableshub.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The HTTP partners outside the hub (ERPs, supplier portal, registry, treasury, procurement systems) as one
 * WireMock server, with the stubs of src/test/resources/wiremock; the demo adapters point at it.
 */
public final class Partners {

    private final WireMockServer server = new WireMockServer(WireMockConfiguration.options()
            .dynamicPort().bindAddress("127.0.0.1").usingFilesUnderClasspath("wiremock"));

    public Partners() {
        server.start();
    }

    public WireMockServer server() {
        return server;
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public void register(DynamicPropertyRegistry registry) {
        registry.add("hub.partners.erp-url", () -> url() + "/erp");
        registry.add("hub.partners.portal-url", () -> url() + "/portal");
        registry.add("hub.partners.registry-url", () -> url() + "/registry");
        registry.add("hub.partners.treasury-url", () -> url() + "/treasury");
        registry.add("hub.partners.procurement-url", () -> url() + "/procurement");
        registry.add("hub.relay.period-ms", () -> 50);
        // The feed is polled by the tests that are about it, not in the middle of the others.
        registry.add("hub.feed.auto-startup", () -> false);
    }

    public void stop() {
        server.stop();
    }
}
