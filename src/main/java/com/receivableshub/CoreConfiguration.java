package com.receivableshub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.model.ModelJson;
import com.receivableshub.security.HubLimits;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.DisposableBean;
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
     * The bean depends on the DataSource, so that when the start fails meanwhile the DataSource is closed only after
     * the migration has finished, never half way through one.
     */
    @Bean
    MigrateBesideTheStart migrateBesideTheStart(StartupTasks startup, DataSource dataSource) {
        return new MigrateBesideTheStart(startup);
    }

    /** Flyway's migration as a task of the start; on the context's destruction it is waited for. */
    static final class MigrateBesideTheStart implements FlywayMigrationStrategy, DisposableBean {

        private final StartupTasks startup;
        private volatile CompletableFuture<Void> migration = CompletableFuture.completedFuture(null);

        MigrateBesideTheStart(StartupTasks startup) {
            this.startup = startup;
        }

        @Override
        public void migrate(Flyway flyway) {
            migration = startup.run("database migration", flyway::migrate);
        }

        @Override
        public void destroy() {
            StartupTasks.awaitQuietly(migration);
        }
    }
}
