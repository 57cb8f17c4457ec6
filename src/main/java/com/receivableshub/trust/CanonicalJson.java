package com.receivableshub.trust;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NumericNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * The bytes a payload's signature covers: the payload as compact UTF-8 JSON with the members of every object sorted
 * by name, numbers written as they were sent (so 90000.00 stays 90000.00). Sender and hub derive the same bytes
 * from the same payload, whatever whitespace or member order travelled.
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CanonicalJson() {
    }

    public static byte[] bytes(JsonNode payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
            write(g, payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, JsonNode node) throws IOException {
        if (node.isObject()) {
            @SuppressWarnings("unchecked")
            Map.Entry<String, JsonNode>[] fields = new Map.Entry[node.size()];
            int n = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                fields[n++] = it.next();
            }
            Arrays.sort(fields, 0, n, Map.Entry.comparingByKey());
            g.writeStartObject();
            for (int i = 0; i < n; i++) {
                g.writeFieldName(fields[i].getKey());
                write(g, fields[i].getValue());
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode child : node) {
                write(g, child);
            }
            g.writeEndArray();
        } else if (node instanceof TextNode || node instanceof NumericNode || node instanceof BooleanNode) {
            // what the mapper would write for them, without a serializer look-up and a flush per value
            ((ValueNode) node).serialize(g, null);
        } else if (node.isNull()) {
            g.writeNull();
        } else {
            MAPPER.writeTree(g, node);
        }
    }
}
