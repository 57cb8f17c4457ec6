package com.receivableshub.trust;

import com.receivableshub.participant.AdapterException;
import com.receivableshub.participant.AdapterLoader;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.SignatureAlgorithm;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pki <dir> [adapters-folder]}: the demo PKI for the hub and every participant of the adapter files
 * (default folder {@code adapters}), written by {@link Pki} into {@code dir}. Runs without Spring, so adapter
 * placeholders are resolved here: {@code ${hub.data-dir}} is {@code data}, others take their default.
 */
public final class PkiCommand {

    /** The hub's own credit code and name, as in {@code HubProperties}' default. */
    public static final String HUB_CODE = "12100000717800888F";
    public static final String HUB_NAME = "receivables-hub";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

    private PkiCommand() {
    }

    /** @return the exit code: 0 done, 1 failed, 2 wrong arguments */
    public static int run(String[] args, PrintStream out) {
        if (args.length < 1 || args.length > 2 || args[0].isBlank()) {
            out.println("usage: pki <dir> [adapters-folder]   (writes the demo CA, and a key and certificate for the"
                    + " hub and every participant)");
            return 2;
        }
        Path dir = Path.of(args[0]);
        Path adapters = Path.of(args.length > 1 ? args[1] : "adapters").toAbsolutePath();
        try {
            List<Participant> participants = new AdapterLoader(adapters.getParent(), PkiCommand::placeholders, false)
                    .load(adapters);
            List<Pki.Subject> subjects = new ArrayList<>();
            subjects.add(new Pki.Subject(HUB_NAME, HUB_CODE, SignatureAlgorithm.SM2));
            for (Participant p : participants) {
                subjects.add(new Pki.Subject(p.name(), p.code(), p.signature()));
            }
            List<Path> written = Pki.generate(dir, subjects);
            written.forEach(file -> out.println("PKI wrote " + file));
            out.printf("PKI %d subjects in %s: %d files written, existing files kept%n", subjects.size(), dir,
                    written.size());
            return 0;
        } catch (AdapterException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            out.println("PKI FAILED " + e.getMessage());
            return 1;
        }
    }

    static String placeholders(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder result = new StringBuilder();
        while (m.find()) {
            String value = "hub.data-dir".equals(m.group(1)) ? "data" : m.group(2) != null ? m.group(2) : m.group();
            m.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        return m.appendTail(result).toString();
    }
}
