package com.receivableshub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.model.ModelJson;
import com.receivableshub.security.HubLimits;
import java.time.Clock;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** The beans every part of the hub shares. */
@Configuration(proxyBeanMethods = false)
public class CoreConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The canonical model's JSON, also Spring MVC's and Camel's. */
    @Bean
    @Primary
    ObjectMapper objectMapper(HubLimits limits) {
        return ModelJson.newMapper(limits.jsonDepth());
    }

    /**
     * Flyway migrates the database on a thread of its own while the main thread makes the rest of the context; the
     * start waits for it before anything starts ({@link StartupTasks}). No bean reads the database while it is made.
     */
    @Bean
    FlywayMigrationStrategy migrateBesideTheStart(StartupTasks startup) {
        return flyway -> startup.run("database migration", flyway::migrate);
    }
}
