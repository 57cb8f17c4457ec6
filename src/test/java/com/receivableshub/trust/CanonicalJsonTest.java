package com.receivableshub.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.receivableshub.model.ModelJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    static final String PAYLOAD = """
            {
              "supplier": "示范供应商 \\"A\\" \\u0001\\t/",
              "amount": 90000.00,
              "exponent": 1.25E+3,
              "small": 1E-7,
              "count": 12,
              "long": 9007199254740993,
              "big": 123456789012345678901234567890,
              "confirmed": true,
              "rejected": false,
              "note": null,
              "emptyObject": {},
              "emptyArray": [],
              "keys": [{"z": 1, "a": [3, {"y": "", "b": null}], "M": "upper before lower"}, "x", 0.10],
              "Ärger": "non-ASCII names sort by UTF-16 code unit",
              "a b": 1
            }
            """;

    @Test
    void compactWithMembersSortedAndNumbersAsSent() throws Exception {
        JsonNode payload = ModelJson.newMapper().readTree("{\"b\":[2,{\"d\":1.50,\"c\":\"x\"}],\"a\":90000.00,"
                + "\"e\":1E+3,\"f\":null,\"g\":true}");

        assertThat(new String(CanonicalJson.bytes(payload), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":90000.00,\"b\":[2,{\"c\":\"x\",\"d\":1.50}],\"e\":1000,\"f\":null,\"g\":true}");
    }

    @Test
    void sameBytesAsTheMapperWritesEachValue() throws Exception {
        for (ObjectMapper mapper : List.of(ModelJson.newMapper(), new ObjectMapper())) {
            JsonNode payload = mapper.readTree(PAYLOAD);

            assertThat(CanonicalJson.bytes(payload)).isEqualTo(byTheMapper(payload));
        }
    }

    @Test
    void valuesBuiltInCodeAsWell() throws Exception {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("double", 0.1d).put("float", 2.5f).put("short", (short) 7).put("int", -3).put("long", 1L << 40)
                .put("bigInteger", new BigInteger("-98765432109876543210")).put("decimal", new BigDecimal("12.30"))
                .put("scientific", new BigDecimal("1.2E+5")).put("binary", new byte[] {1, 2, 3})
                .putPOJO("pojo", List.of("a", "b")).putNull("null");
        payload.putArray("array").add("é").add(1.0d).addNull();

        assertThat(CanonicalJson.bytes(payload)).isEqualTo(byTheMapper(payload));
        assertThat(new String(CanonicalJson.bytes(payload), StandardCharsets.UTF_8))
                .contains("\"decimal\":12.30", "\"scientific\":120000", "\"pojo\":[\"a\",\"b\"]", "\"binary\":\"AQID\"");
    }

    /** The canonical form with every value written by the mapper, as it has always been. */
    static byte[] byTheMapper(JsonNode payload) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
            write(mapper, g, payload);
        }
        return out.toByteArray();
    }

    private static void write(ObjectMapper mapper, JsonGenerator g, JsonNode node) throws IOException {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                fields.add(it.next());
            }
            fields.sort(Map.Entry.comparingByKey());
            g.writeStartObject();
            for (Map.Entry<String, JsonNode> f : fields) {
                g.writeFieldName(f.getKey());
                write(mapper, g, f.getValue());
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode child : node) {
                write(mapper, g, child);
            }
            g.writeEndArray();
        } else {
            mapper.writeTree(g, node);
        }
    }
}
