package com.receivableshub.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdapterLoaderTest {

    static final String FUNDER = """
            code: 91350200123456700W
            name: Demo Bank
            roles: [FUNDER]
            regions: ["350000"]
            identity:
              apiKey: env:DEMO_BANK_KEY
              brokerUser: demo-bank
              brokerPassword: file:secrets/demo-bank.broker
            endpoints:
              callback: ${partner.url}/callback
            signature: ecdsa_p256
            retry:
              budget: PT10M
            """;

    @TempDir
    Path dir;

    AdapterLoader loader() {
        return new AdapterLoader(dir, text -> text.replace("${partner.url}", "http://127.0.0.1:9999"));
    }

    Path write(String name, String content) throws IOException {
        Files.createDirectories(dir.resolve("adapters"));
        return Files.writeString(dir.resolve("adapters").resolve(name), content);
    }

    @Test
    void loadsTheRepositoryAdapters() {
        // The certificates they name are made by the demo certificate authority at start, so not required here.
        List<Participant> participants = new AdapterLoader(Path.of("."),
                s -> s.replaceAll("\\$\\{[^:}]+:?([^}]*)}", "$1"), false).load(Path.of("adapters"));
        assertThat(participants).extracting(Participant::code).contains("91350100M000100Y43", "91350200123456700W");
        assertThat(participants).allSatisfy(p -> assertThat(CreditCode.isValid(p.code())).isTrue());
    }

    @Test
    void readsEveryField() throws IOException {
        write("funder.yaml", FUNDER);
        Participant p = loader().load(dir.resolve("adapters")).get(0);
        assertThat(p.code()).isEqualTo("91350200123456700W");
        assertThat(p.roles()).containsExactly(ParticipantRole.FUNDER);
        assertThat(p.regions()).containsExactly("350000");
        assertThat(p.apiKey()).contains(new SecretRef(SecretRef.Kind.ENV, "DEMO_BANK_KEY"));
        assertThat(p.brokerUser()).contains("demo-bank");
        assertThat(p.brokerPassword()).contains(new SecretRef(SecretRef.Kind.FILE, "secrets/demo-bank.broker"));
        assertThat(p.endpoint("callback")).map(Object::toString).contains("http://127.0.0.1:9999/callback");
        assertThat(p.signature()).isEqualTo(SignatureAlgorithm.ECDSA_P256);
        assertThat(p.retry().budget()).hasMinutes(10);
        assertThat(p.queue()).isEqualTo("funder.91350200123456700W");
    }

    @Test
    void aWrongCheckCharacterNamesFileAndField() throws IOException {
        Path file = write("funder.yaml", FUNDER.replace("91350200123456700W", "91350200123456700X"));
        assertThatThrownBy(() -> loader().load(dir.resolve("adapters")))
                .isInstanceOf(AdapterException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("field 'code'")
                .hasMessageContaining("check character is 'X', GB 32100 requires 'W'");
    }

    @Test
    void everyProblemOfEveryFileIsReportedAtOnce() throws IOException {
        write("a.yaml", FUNDER.replace("name: Demo Bank\n", "").replace("FUNDER]", "FUNDER, BANKER]"));
        write("b.yaml", FUNDER.replace("env:DEMO_BANK_KEY", "s3cr3t-literal").replace("PT10M", "ten minutes"));
        AdapterException e = org.junit.jupiter.api.Assertions.assertThrows(AdapterException.class,
                () -> loader().load(dir.resolve("adapters")));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("a.yaml: field 'name': is missing"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("a.yaml: field 'roles[1]': 'BANKER' is not one of"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("b.yaml: field 'identity.apiKey': must be a reference"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("b.yaml: field 'retry.budget'"));
        assertThat(e.getMessage()).doesNotContain("s3cr3t-literal");
    }

    @Test
    void duplicatesAreRefused() throws IOException {
        write("a.yaml", FUNDER);
        write("b.yaml", FUNDER.replace("brokerUser: demo-bank", "brokerUser: other-bank"));
        write("c.yaml", FUNDER.replace("91350200123456700W", "91310100666677700N"));
        AdapterException e = org.junit.jupiter.api.Assertions.assertThrows(AdapterException.class,
                () -> loader().load(dir.resolve("adapters")));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .contains("b.yaml: field 'code': '91350200123456700W' is already used by").contains("a.yaml"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .contains("c.yaml: field 'identity.brokerUser': 'demo-bank' is already used by"));
    }

    @Test
    void unknownFieldsMissingFilesAndFundersWithoutQueueUsersAreRefused() throws IOException {
        write("a.yaml", FUNDER.replace("signature: ecdsa_p256", "signatur: SM2\ncertificate: certs/none.pem")
                .replace("  brokerUser: demo-bank\n", ""));
        AdapterException e = org.junit.jupiter.api.Assertions.assertThrows(AdapterException.class,
                () -> loader().load(dir.resolve("adapters")));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("field 'signatur': is not a known field"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("field 'certificate': file 'certs/none.pem' not found"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("field 'identity.brokerUser': is missing"));
    }

    @Test
    void secretsResolveByReferenceAndMissingOnesAreNamedNotShown() throws IOException {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/key"), "value-from-file\n");
        SecretResolver resolver = new SecretResolver(Map.of("KEY", "value-from-env")::get, dir, false);
        assertThat(resolver.resolve(SecretRef.parse("f", "env:KEY"))).isEqualTo("value-from-env");
        assertThat(resolver.resolve(SecretRef.parse("f", "file:secrets/key"))).isEqualTo("value-from-file");
        assertThatThrownBy(() -> resolver.resolve(SecretRef.parse("f", "env:MISSING")))
                .hasMessage("secret env:MISSING is not set");
        assertThatThrownBy(() -> resolver.resolve(SecretRef.parse("f", "file:secrets/none")))
                .hasMessage("secret file:secrets/none not found");

        SecretResolver generating = new SecretResolver(Map.<String, String>of()::get, dir, true);
        String generated = generating.resolve(SecretRef.parse("f", "file:secrets/new"));
        assertThat(generated).hasSizeGreaterThanOrEqualTo(32);
        assertThat(generating.resolve(SecretRef.parse("f", "file:secrets/new"))).isEqualTo(generated);
    }

    @Test
    void regionsCoverTheirCities() {
        assertThat(ParticipantDirectory.covers("350000", "350200")).isTrue();
        assertThat(ParticipantDirectory.covers("350200", "350200")).isTrue();
        assertThat(ParticipantDirectory.covers("350200", "350100")).isFalse();
        assertThat(ParticipantDirectory.covers("350000", "440300")).isFalse();
    }
}
