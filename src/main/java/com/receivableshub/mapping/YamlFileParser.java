package com.receivableshub.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the parsers of mapping files share: every problem is collected with the file and the field, so an ERP owner
 * or a province fixes them all in one go.
 */
abstract class YamlFileParser {

    protected final String source;
    protected final List<String> problems = new ArrayList<>();

    protected YamlFileParser(String source) {
        this.source = source;
    }

    protected String text(JsonNode node, String name) {
        return text(node, name, name);
    }

    protected String text(JsonNode node, String name, String at) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            add(at, "must be a single value");
            return null;
        }
        return value.asText().trim();
    }

    protected void unknownFields(JsonNode node, Set<String> known, String prefix) {
        node.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                add(prefix + f, "is not a known field (known: " + new TreeSet<>(known) + ")");
            }
        });
    }

    protected void add(String field, String reason) {
        problems.add(field == null ? source + ": " + reason : source + ": field '" + field + "': " + reason);
    }
}
