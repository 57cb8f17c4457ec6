package com.receivableshub.mapping;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.receivableshub.model.ModelJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each demo layout in mappings/ reads its golden input in src/test/resources/mapping/ (in the layout's own
 * charset, byte-exact) into exactly the canonical JSON beside it. After a deliberate change, regenerate with
 * {@code -Dgolden.update=true} and review the diff.
 */
class GoldenFilesTest {

    private static final Path DIR = Path.of("src/test/resources/mapping");
    private static final ObjectMapper JSON = ModelJson.newMapper();

    @ParameterizedTest
    @ValueSource(strings = {"payables", "adjustments", "payments", "collection-accounts"})
    void demoLayoutReadsItsGoldenFile(String kind) throws Exception {
        String name = "erp-fujian-demo-group-" + kind;
        CsvLayout layout = CsvLayout.load(Path.of("mappings", name + ".yaml"));

        ArrayNode actual = JSON.createArrayNode();
        try (CsvRecordReader reader = CsvRecordReader.open(layout, Files.newInputStream(DIR.resolve(name + ".csv")))) {
            reader.forEach(result -> actual.add(toJson(result)));
        }

        Path expected = DIR.resolve(name + ".expected.json");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expected, pretty(actual), StandardCharsets.UTF_8);
        }
        assertThat(pretty(actual)).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }

    private static JsonNode toJson(LineResult result) {
        ObjectNode node = JSON.createObjectNode().put("line", result.lineNumber());
        if (result instanceof MappedLine mapped) {
            node.set("record", JSON.valueToTree(mapped.record()));
        } else {
            ArrayNode errors = node.putArray("errors");
            for (LineError e : ((RejectedLine) result).errors()) {
                assertThat(e.lineNumber()).isEqualTo(result.lineNumber());
                errors.addObject().put("field", e.field()).put("reason", e.reason());
            }
        }
        return node;
    }

    private static String pretty(JsonNode node) throws Exception {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        return JSON.writer(printer).writeValueAsString(node) + "\n";
    }
}
