package com.receivableshub.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code config/jvm.options}, the hub's JVM options as a java argument file: this JVM accepts every line of it (a
 * wrong option would stop the production JVM before the hub starts), and each way of starting the hub uses it.
 */
class JvmOptionsTest {

    private static final Path OPTIONS = Path.of("config", "jvm.options");

    @Test
    void theJvmStartsWithTheOptionsAndTheyTakeEffect() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "@" + OPTIONS.toAbsolutePath(), "-XX:+PrintFlagsFinal",
                "-version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        for (String option : options()) {
            String name = option.substring(4).replaceFirst("=.*", "");
            String expected = option.startsWith("-XX:+") ? "true" : option.startsWith("-XX:-") ? "false"
                    : option.substring(option.indexOf('=') + 1);
            assertThat(out).as(option).containsPattern("\\s" + name + "\\s+=\\s+" + expected + "\\s+\\{[^}]*\\}\\s+\\{command line\\}");
        }
    }

    @Test
    void everyWayOfStartingTheHubUsesThem() throws IOException {
        assertThat(Files.readString(Path.of("docker", "Dockerfile")))
                .containsPattern("ENTRYPOINT \\[\"java\", \"@/opt/hub/config/jvm.options\"")
                .contains("COPY config /opt/hub/config");
        assertThat(Files.readString(Path.of("docker", "cds-archive.sh")))
                .contains("\"$java\" @config/jvm.options -XX:ArchiveClassesAtExit=");
        assertThat(Files.readString(Path.of("pom.xml"))).contains("<jvmArguments>@config/jvm.options</jvmArguments>");
        assertThat(Files.readString(Path.of("bench", "run"))).contains("exec java @config/jvm.options ");
    }

    /** The option lines: comments and blank lines left out. */
    private static List<String> options() throws IOException {
        List<String> lines = Files.readAllLines(OPTIONS).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(lines).isNotEmpty().allMatch(l -> l.startsWith("-XX:"));
        return lines;
    }
}
