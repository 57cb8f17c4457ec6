package com.receivableshub.cli;

import com.receivableshub.pipeline.LedgerVerifier;
import java.io.PrintStream;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@code java -jar receivables-hub.jar ledger-verify [--spring.profiles.active=postgres]}: checks the whole ledger
 * in the configured database and names the first entry that was changed, removed or reordered. Only the database
 * is opened (no broker, no routes), so it runs beside a running hub. Exit code 0 when intact, 1 when not.
 */
public final class LedgerVerifyCommand {

    private LedgerVerifyCommand() {
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class})
    @Import(LedgerVerifier.class)
    static class DatabaseOnly {
    }

    public static int run(String[] args, PrintStream out) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DatabaseOnly.class)
                .web(WebApplicationType.NONE).logStartupInfo(false).run(args)) {
            LedgerVerifier.Result result = context.getBean(LedgerVerifier.class).verify();
            if (result.intact()) {
                out.printf("LEDGER INTACT entries=%d%n", result.entries());
                return 0;
            }
            out.printf("LEDGER BROKEN first=%d %s%n", result.firstBrokenSeq(), result.problem());
            return 1;
        }
    }
}
