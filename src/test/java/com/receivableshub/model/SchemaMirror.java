package com.receivableshub.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asserts that a schema describes a record field for field: same property names in the same order,
 * required exactly when not {@link NotRequired}, matching types, codes and money definitions,
 * {@code additionalProperties: false} at every level, a description on every property.
 */
final class SchemaMirror {

    private final Function<String, JsonNode> files;

    private SchemaMirror(Function<String, JsonNode> files) {
        this.files = files;
    }

    static void assertMirrors(Class<?> record, String file, Function<String, JsonNode> files) {
        SchemaMirror mirror = new SchemaMirror(files);
        mirror.object(record, new Located(file, files.apply(file)), file);
    }

    /** Whether the record, or a record it contains, has a component that matches. */
    static boolean hasComponent(Class<?> record, Predicate<RecordComponent> match) {
        for (RecordComponent c : record.getRecordComponents()) {
            if (match.test(c) || recordTypeOf(c).map(t -> hasComponent(t, match)).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /** The record type of a component, or of the elements of a list component. */
    static Optional<Class<?>> recordTypeOf(RecordComponent c) {
        Class<?> type = c.getType() == List.class ? elementType(c) : c.getType();
        return type.isRecord() ? Optional.of(type) : Optional.empty();
    }

    private record Located(String file, JsonNode node) {
    }

    private void object(Class<?> record, Located at, String where) {
        Located here = resolve(at);
        JsonNode schema = here.node();
        assertThat(schema.path("type").asText()).as("%s type", where).isEqualTo("object");
        assertThat(schema.path("additionalProperties").asBoolean(true)).as("%s additionalProperties", where)
                .isFalse();
        RecordComponent[] components = record.getRecordComponents();
        List<String> names = Arrays.stream(components).map(RecordComponent::getName).toList();
        List<String> required = Arrays.stream(components)
                .filter(c -> !c.isAnnotationPresent(NotRequired.class)).map(RecordComponent::getName).toList();
        assertThat(fieldNames(schema.get("properties"))).as("%s properties", where).containsExactlyElementsOf(names);
        assertThat(texts(schema.get("required"))).as("%s required", where).containsExactlyElementsOf(required);
        for (RecordComponent c : components) {
            JsonNode property = schema.get("properties").get(c.getName());
            assertThat(property.path("description").asText()).as("%s.%s description", where, c.getName())
                    .isNotBlank();
            component(c, new Located(here.file(), property), where + "." + c.getName());
        }
    }

    private void component(RecordComponent c, Located at, String where) {
        Class<?> type = c.getType();
        JsonNode resolved = resolve(at).node();
        String ref = at.node().path("$ref").asText();
        if (type.isRecord()) {
            object(type, at, where);
        } else if (type == List.class) {
            assertThat(resolved.path("type").asText()).as("%s type", where).isEqualTo("array");
            assertThat(resolved.path("minItems").asInt(0)).as("%s minItems", where)
                    .isEqualTo(c.isAnnotationPresent(NonEmpty.class) ? 1 : 0);
            Class<?> element = elementType(c);
            Located items = new Located(resolve(at).file(), resolved.get("items"));
            if (element.isRecord()) {
                object(element, items, where + "[]");
            } else {
                text(c.getName().endsWith("Codes"), items, where + "[]");
            }
        } else if (type == String.class) {
            text(c.getName().endsWith("Code"), at, where);
        } else if (type == BigDecimal.class) {
            String money = c.isAnnotationPresent(NegativeAllowed.class) ? "signedMoney"
                    : c.isAnnotationPresent(ZeroAllowed.class) ? "nonNegativeMoney" : "positiveMoney";
            assertThat(ref).as("%s money", where).isEqualTo("common.schema.json#/$defs/" + money);
        } else if (type == LocalDate.class) {
            assertThat(ref).as("%s date", where).isEqualTo("common.schema.json#/$defs/date");
        } else if (type == OffsetDateTime.class) {
            assertThat(ref).as("%s date-time", where).isEqualTo("common.schema.json#/$defs/dateTime");
        } else if (type.isEnum()) {
            List<String> constants = Arrays.stream(type.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
            assertThat(texts(resolved.get("enum"))).as("%s enum", where).containsExactlyElementsOf(constants);
        } else if (type == boolean.class) {
            assertThat(resolved.path("type").asText()).as("%s type", where).isEqualTo("boolean");
        } else if (type == int.class) {
            assertThat(resolved.path("type").asText()).as("%s type", where).isEqualTo("integer");
        } else if (type == JsonNode.class) {
            assertThat(resolved.path("type").asText()).as("%s type", where).isEqualTo("object");
        } else {
            throw new AssertionError(where + ": no schema rule for " + type.getName());
        }
    }

    /** A credit code must use the shared pattern; other text may be any non-empty string or a constant. */
    private void text(boolean creditCode, Located at, String where) {
        if (creditCode) {
            assertThat(at.node().path("$ref").asText()).as("%s credit code", where)
                    .isEqualTo("common.schema.json#/$defs/creditCode");
            return;
        }
        JsonNode resolved = resolve(at).node();
        assertThat(resolved.path("type").asText().equals("string") || resolved.has("const"))
                .as("%s is text", where).isTrue();
    }

    private Located resolve(Located at) {
        String ref = at.node().path("$ref").asText(null);
        if (ref == null) {
            return at;
        }
        int hash = ref.indexOf('#');
        String file = hash == 0 ? at.file() : hash < 0 ? ref : ref.substring(0, hash);
        String pointer = hash < 0 ? "" : ref.substring(hash + 1);
        JsonNode root = files.apply(file);
        JsonNode target = pointer.isEmpty() ? root : root.at(pointer);
        assertThat(target.isMissingNode()).as("$ref %s from %s", ref, at.file()).isFalse();
        return resolve(new Located(file, target));
    }

    private static Class<?> elementType(RecordComponent c) {
        return (Class<?>) ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> values.add(n.asText()));
        }
        return values;
    }
}
