package com.receivableshub.support;

import com.receivableshub.ReceivablesHubApplication;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a hub in this JVM with explicit properties, for tests that stop and start it themselves. */
public final class HubProcess {

    private static int serverIds = 500;

    private HubProcess() {
    }

    public static synchronized ConfigurableApplicationContext start(Path dataDir, int brokerPort,
                                                                    Map<String, Object> extra, String... profiles) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("server.port", 0);
        props.put("hub.data-dir", dataDir.toString());
        props.put("hub.broker.port", brokerPort);
        props.put("hub.secrets.generate-missing", true);
        props.put("spring.artemis.embedded.server-id", serverIds++);
        props.putAll(extra);
        SpringApplication app = new SpringApplication(ReceivablesHubApplication.class);
        app.setAdditionalProfiles(profiles);
        // As command-line arguments: they must win over config/application.yaml.
        return app.run(props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }
}
