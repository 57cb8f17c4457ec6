package com.receivableshub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Nothing secret is committed: no private key, key store or secret file among the files git tracks, and every
 * secret-looking setting in the adapters and configuration is a reference ({@code env:}, {@code file:},
 * {@code ${...}}) or empty. Demo secrets and keys are generated under the data folder at start.
 */
class RepositorySecretsTest {

    static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN ([A-Z0-9 ]+ )?PRIVATE KEY-----");
    static final Pattern SECRET_SETTING = Pattern.compile(
            "(?im)^[ \t]*([a-z0-9_.-]*(password|passwd|secret|api-?key|apikey|token|credential)[a-z0-9_.-]*)[ \t]*[:=][ \t]*(.*)$");
    static final List<String> SECRET_FILE_ENDINGS = List.of(".p12", ".pfx", ".jks", ".keystore", ".key", ".key.pem",
            ".api-key", ".broker", ".password", ".soap-password");

    static List<String> trackedFiles() throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "ls-files", "-z").redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor()).as(out).isZero();
        List<String> files = new ArrayList<>();
        for (String f : out.split("\0")) {
            if (!f.isBlank()) {
                files.add(f);
            }
        }
        return files;
    }

    @Test
    void noPrivateKeyOrSecretFileIsTracked() throws Exception {
        List<String> files = trackedFiles();
        assertThat(files).as("git ls-files").contains("pom.xml", "adapters/procurement-fujian.yaml");
        List<String> found = new ArrayList<>();
        for (String f : files) {
            String lower = f.toLowerCase(Locale.ROOT);
            if (SECRET_FILE_ENDINGS.stream().anyMatch(lower::endsWith)) {
                found.add(f + ": a key store, key or secret file");
                continue;
            }
            Path path = Path.of(f);
            if (!Files.isRegularFile(path) || Files.size(path) > 5_000_000) {
                continue;
            }
            String text = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
            Matcher m = PRIVATE_KEY.matcher(text);
            while (m.find()) {
                // a key in a comment or a string of a test that looks for one is not a key: it has no body
                String after = text.substring(m.end(), Math.min(text.length(), m.end() + 80)).strip();
                if (after.matches("(?s)[A-Za-z0-9+/=]{40}.*")) {
                    found.add(f + ": a PEM private key");
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void secretSettingsAreReferencesNotValues() throws Exception {
        List<String> found = new ArrayList<>();
        for (String f : trackedFiles()) {
            boolean settings = (f.startsWith("adapters/") || f.startsWith("config/") || f.startsWith("docker/")
                    || f.startsWith("src/main/resources/")) && f.matches(".*\\.(ya?ml|properties|env|xml)");
            if (!settings || !Files.isRegularFile(Path.of(f))) {
                continue;
            }
            Matcher m = SECRET_SETTING.matcher(Files.readString(Path.of(f)));
            while (m.find()) {
                String value = m.group(3).replaceAll("\\s+#.*$", "").strip().replaceAll("^[\"']|[\"']$", "");
                boolean reference = value.isEmpty() || value.startsWith("env:") || value.startsWith("file:")
                        || value.startsWith("${") || value.equals("true") || value.equals("false")
                        || value.matches("PT\\w+");
                if (!reference) {
                    found.add(f + ": '" + m.group(1) + "' holds a literal value");
                }
            }
        }
        assertThat(found).isEmpty();
    }
}
