package com.receivableshub.cli;

import com.receivableshub.pipeline.DeadLetters;
import com.receivableshub.pipeline.Outbox;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@code java -jar receivables-hub.jar dead-letters list|show <id>...|replay <id>... [--spring.profiles.active=postgres]}:
 * the dead-letter store of the configured database, for operators without the REST API at hand. Only the database
 * is opened (no broker, no routes), so it runs beside a running hub; a replayed message is put back in the outbox
 * once and the running hub's relay delivers it (or the hub's next start does). Exit code 0 when done, 1 when a
 * dead letter is unknown or was replayed already (the others are still replayed), 2 on a usage error.
 */
public final class DeadLettersCommand {

    static final String USAGE = "usage: dead-letters list | show <id>... | replay <id>..."
            + " [--spring.profiles.active=postgres]";

    private DeadLettersCommand() {
    }

    /** Not a {@code @Configuration}: the hub's own component scan must not pick it up (its clock is the hub's). */
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
            DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class})
    @Import({Outbox.class, DeadLetters.class})
    static class DatabaseOnly {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    public static int run(String[] args, PrintStream out) {
        List<String> words = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        String[] options = Arrays.stream(args).filter(a -> a.startsWith("--")).toArray(String[]::new);
        String action = words.isEmpty() ? "" : words.get(0);
        List<Long> ids = new ArrayList<>();
        if (action.equals("show") || action.equals("replay")) {
            if (words.size() < 2) {
                out.println(USAGE);
                return 2;
            }
            for (String word : words.subList(1, words.size())) {
                try {
                    ids.add(Long.parseLong(word));
                } catch (NumberFormatException e) {
                    out.println("dead-letters " + action + ": id '" + word + "' is not a number");
                    return 2;
                }
            }
        } else if (!action.equals("list") || words.size() != 1) {
            out.println(USAGE);
            return 2;
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DatabaseOnly.class)
                .web(WebApplicationType.NONE).logStartupInfo(false).run(options)) {
            DeadLetters letters = context.getBean(DeadLetters.class);
            if (action.equals("list")) {
                return list(letters, out);
            }
            int exit = 0;
            for (long id : ids) {
                exit = Math.max(exit, action.equals("show") ? show(letters, id, out) : replay(letters, id, out));
            }
            return exit;
        }
    }

    private static int list(DeadLetters letters, PrintStream out) {
        List<Map<String, Object>> rows = letters.list(Integer.MAX_VALUE);
        out.println("id\tfailed_at\treceiver\ttype\tmessage_id\tattempts\tdelivery\treplayed_at\treason");
        for (Map<String, Object> r : rows) {
            out.println(String.join("\t", text(r.get("id")), text(r.get("failed_at")), text(r.get("receiver")),
                    text(r.get("type")), text(r.get("message_id")), text(r.get("attempts")), text(r.get("delivery")),
                    text(r.get("replayed_at")), text(r.get("reason"))));
        }
        out.println("DEAD LETTERS " + rows.size());
        return 0;
    }

    private static int show(DeadLetters letters, long id, PrintStream out) {
        var letter = letters.show(id);
        if (letter.isEmpty()) {
            out.println("NO DEAD LETTER " + id);
            return 1;
        }
        letter.get().forEach((k, v) -> out.println(k + ": " + text(v)));
        return 0;
    }

    private static int replay(DeadLetters letters, long id, PrintStream out) {
        DeadLetters.Replay result = letters.replay(id);
        switch (result) {
            case REPLAYING -> out.println("REPLAYING " + id + " (back in the outbox; the hub's relay delivers it once)");
            case ALREADY_REPLAYED -> out.println("ALREADY REPLAYED " + id + " (nothing changed)");
            case UNKNOWN -> out.println("NO DEAD LETTER " + id);
        }
        return result == DeadLetters.Replay.REPLAYING ? 0 : 1;
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value).replace('\t', ' ').replace('\n', ' ');
    }
}
