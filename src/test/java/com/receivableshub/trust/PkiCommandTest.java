package com.receivableshub.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.receivableshub.participant.AdapterLoader;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.SignatureAlgorithm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiCommandTest {

    @TempDir
    Path dir;

    final ByteArrayOutputStream output = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void issuesForTheHubAndEveryParticipantOfTheRepositoryAdapters() {
        int exit = PkiCommand.run(new String[] {dir.toString(), "adapters"}, out);

        assertThat(exit).as(text()).isZero();
        SigningKey hub = Pki.load(dir, PkiCommand.HUB_CODE);
        assertThat(hub.algorithm()).isEqualTo(SignatureAlgorithm.SM2);
        assertThat(hub.subject()).contains("CN=receivables-hub");
        List<Participant> participants = new AdapterLoader(Path.of("."), PkiCommand::placeholders, false)
                .load(Path.of("adapters"));
        assertThat(participants).isNotEmpty();
        for (Participant p : participants) {
            assertThat(Pki.load(dir, p.code()).algorithm()).as(p.code()).isEqualTo(p.signature());
        }
        assertThat(participants).anyMatch(p -> p.signature() == SignatureAlgorithm.ECDSA_P256);
        assertThat(dir.resolve(Pki.ECDSA_CA_CERTIFICATE)).exists();
        assertThat(text()).contains("PKI wrote " + dir.resolve(Pki.CA_CERTIFICATE))
                .contains("PKI " + (participants.size() + 1) + " subjects in " + dir);
    }

    @Test
    void secondRunWritesNothing() {
        PkiCommand.run(new String[] {dir.toString()}, out);
        output.reset();

        assertThat(PkiCommand.run(new String[] {dir.toString()}, out)).isZero();
        assertThat(text()).doesNotContain("PKI wrote").contains(": 0 files written, existing files kept");
    }

    @Test
    void wrongArgumentsAndFailuresAreReported() {
        assertThat(PkiCommand.run(new String[0], out)).isEqualTo(2);
        assertThat(text()).startsWith("usage: pki <dir>");

        output.reset();
        assertThat(PkiCommand.run(new String[] {dir.toString(), dir.resolve("nowhere").toString()}, out)).isEqualTo(1);
        assertThat(text()).startsWith("PKI FAILED ").contains("adapters folder not found");
    }

    @Test
    void placeholdersTakeTheirDefaultAndTheDataFolder() {
        assertThat(PkiCommand.placeholders("file:${hub.data-dir}/secrets/x.api-key")).isEqualTo("file:data/secrets/x.api-key");
        assertThat(PkiCommand.placeholders("${hub.partners.treasury-url:http://127.0.0.1:8091/treasury}/lock"))
                .isEqualTo("http://127.0.0.1:8091/treasury/lock");
        assertThat(PkiCommand.placeholders("${no.default}")).isEqualTo("${no.default}");
    }

    private String text() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
