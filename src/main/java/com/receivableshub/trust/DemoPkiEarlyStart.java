package com.receivableshub.trust;

import com.receivableshub.HubProperties;
import com.receivableshub.participant.AdapterLoader;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts making the demo authority of a fresh data folder ({@link DemoPki}) as soon as the configuration is known,
 * on threads of its own, while the main thread parses the configuration classes and makes the first beans: the
 * keys and certificates of every participant took the main thread's first second or two waiting for them. The
 * participant directory, the hub's keys and TLS wait for it through {@link DemoPki}; a failure (an adapter file that
 * cannot be read) stops the start there, as before. Only where secrets may be generated
 * ({@code hub.secrets.generate-missing}); added by the hub's main class, so commands and tests that make a context
 * of their own make the authority as the participant directory is made.
 */
public final class DemoPkiEarlyStart implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The authority being made. */
    public record Started(CompletableFuture<Void> done) {
    }

    static final String BEAN_NAME = "demoPkiEarlyStart";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        HubProperties hub = Binder.get(env).bindOrCreate("hub", HubProperties.class);
        if (!hub.secrets().generateMissing()) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                DemoPki.make(hub, new AdapterLoader(hub.homePath(), env::resolveRequiredPlaceholders, false)
                        .load(hub.adaptersPath()));
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "demo-pki-early");
        // Not a daemon: when the start fails meanwhile, the JVM still lets it finish, so that no participant is left
        // with a key and no certificate.
        thread.setDaemon(false);
        thread.start();
        context.getBeanFactory().registerSingleton(BEAN_NAME, new Started(done));
    }
}
