package com.receivableshub.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * Which elements of a list a mapping takes, e.g. {@code where: { type: payment }} keeps the payment milestones
 * of a contract. Every path must have one of its values; a list value (roles) must contain one.
 */
record FeedWhere(Map<FeedPath, Set<String>> conditions) {

    static final FeedWhere ALL = new FeedWhere(Map.of());

    boolean test(JsonNode element) {
        for (Map.Entry<FeedPath, Set<String>> condition : conditions.entrySet()) {
            JsonNode value = condition.getKey().resolve(element);
            List<JsonNode> values = value == null ? List.of()
                    : value.isArray() ? iterable(value) : List.of(value);
            if (values.stream().noneMatch(v -> v.isValueNode() && condition.getValue().contains(v.asText().trim()))) {
                return false;
            }
        }
        return true;
    }

    private static List<JsonNode> iterable(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }
}
