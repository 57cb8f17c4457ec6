package com.receivableshub.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.receivableshub.model.NotRequired;
import com.receivableshub.participant.CreditCode;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.IntSupplier;

/**
 * Reads the {@code fields} of a record in a feed mapping (and the lists and filters around them). Which fields
 * there are, which are required and of what type comes from the model record itself, as {@code ModelValidator}
 * reads it: a new canonical record needs no parser code.
 */
final class FeedShapeParser {

    private static final Set<String> LIST_FIELDS = Set.of("each", "where", "fields");

    private final BiConsumer<String, String> problems;
    /** How many problems the whole mapping has so far, the expressions' included. */
    private final IntSupplier reported;
    private final FeedExpressionParser expressions;

    FeedShapeParser(BiConsumer<String, String> problems, IntSupplier reported, FeedExpressionParser expressions) {
        this.problems = problems;
        this.reported = reported;
        this.expressions = expressions;
    }

    /** The shape of a record from its {@code fields}, or null after reporting what is wrong. */
    FeedShape shape(Class<? extends Record> type, JsonNode fields, String at, String owner) {
        if (fields == null || !fields.isObject()) {
            add(at, "is missing: a mapping of " + owner + "'s fields (known: " + targets(type, "") + ")");
            return null;
        }
        Map<String, JsonNode> given = new LinkedHashMap<>();
        fields.properties().forEach(e -> given.put(e.getKey(), e.getValue()));
        int before = reported.getAsInt();
        List<FeedShape.Part> parts = parts(type, "", true, given, at, owner);
        given.keySet().forEach(f -> add(at + "." + f, "is not a field of " + owner + " (known: " + targets(type, "")
                + ")"));
        return reported.getAsInt() > before ? null : new FeedShape(type, parts);
    }

    /** One part per component; nested records take their fields dotted ({@code collectionAccount.bankName}). */
    private List<FeedShape.Part> parts(Class<? extends Record> type, String prefix, boolean required,
            Map<String, JsonNode> given, String at, String owner) {
        List<FeedShape.Part> parts = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            String target = prefix + c.getName();
            boolean needed = required && !c.isAnnotationPresent(NotRequired.class);
            JsonNode spec = given.remove(target);
            if (Record.class.isAssignableFrom(c.getType())) {
                Class<? extends Record> nested = c.getType().asSubclass(Record.class);
                parts.add(new FeedShape.Nested(c.getName(), new FeedShape(nested,
                        parts(nested, target + ".", needed, given, at, owner)), needed));
                if (spec != null) {
                    add(at + "." + target, "is a record: map its fields one by one, e.g. " + target + "."
                            + nested.getRecordComponents()[0].getName());
                }
            } else if (c.getType() == List.class) {
                parts.add(list(c, target, needed, spec, at, owner));
            } else {
                parts.add(leaf(c, target, needed, spec, at, owner));
            }
        }
        return parts;
    }

    private FeedShape.Part leaf(RecordComponent c, String target, boolean needed, JsonNode spec, String at,
            String owner) {
        String field = at + "." + target;
        if (c.getType() != String.class && c.getType() != LocalDate.class && c.getType() != BigDecimal.class) {
            throw new IllegalStateException(c.getDeclaringRecord().getName() + "." + c.getName() + " of type "
                    + c.getType().getSimpleName() + " cannot come from a feed");
        }
        if (spec == null) {
            if (needed) {
                add(field, "is missing: " + owner + " requires it");
            }
            return new FeedShape.Leaf(c.getName(), null, needed);
        }
        FeedExpression source = expressions.parse(field, spec);
        ValueType wanted = c.getType() == LocalDate.class ? ValueType.DATE
                : c.getType() == BigDecimal.class ? ValueType.AMOUNT : ValueType.TEXT;
        if (source != null && source.type() != wanted) {
            add(field, switch (wanted) {
                case DATE -> "is a date: take it with { date: ... }";
                case AMOUNT -> "is an amount: take it with { money: ..., currency: ... }";
                default -> "is text, but this gives " + (source.type() == ValueType.DATE ? "a date" : "an amount");
            });
        }
        if (source != null && c.getName().endsWith("Code")) {
            // the model's rule: a ...Code is a credit code; a wrong constant would fail every record
            constants(source).forEach(k -> CreditCode.problem(k).ifPresent(p -> add(field, "'" + k + "' " + p)));
        }
        return new FeedShape.Leaf(c.getName(), source, needed);
    }

    private static List<String> constants(FeedExpression e) {
        if (e instanceof FeedExpression.Constant c) {
            return List.of(c.value());
        }
        return e instanceof FeedExpression.First f
                ? f.alternatives().stream().flatMap(a -> constants(a).stream()).toList() : List.of();
    }

    private FeedShape.Part list(RecordComponent c, String target, boolean needed, JsonNode spec, String at,
            String owner) {
        String field = at + "." + target;
        Class<? extends Record> element = elementType(c);
        if (spec == null) {
            if (needed) {
                add(field, "is missing: " + owner + " requires it: { each: <list>[], fields: ... }");
            }
            return new FeedShape.Leaf(c.getName(), null, needed);
        }
        if (!spec.isObject()) {
            add(field, "must be a mapping: { each: <list>[], where: ..., fields: ... }");
            return new FeedShape.Leaf(c.getName(), null, needed);
        }
        unknownFields(spec, LIST_FIELDS, field + ".");
        FeedPath each = listPath(field + ".each", spec.get("each"));
        FeedWhere where = where(field + ".where", spec.get("where"));
        boolean was = expressions.parentAllowed(true);
        FeedShape shape = shape(element, spec.get("fields"), field + ".fields", owner + " " + target);
        expressions.parentAllowed(was);
        return each == null || where == null || shape == null ? new FeedShape.Leaf(c.getName(), null, needed)
                : new FeedShape.Many(c.getName(), each, where, shape);
    }

    private static Class<? extends Record> elementType(RecordComponent c) {
        if (c.getGenericType() instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> t
                && Record.class.isAssignableFrom(t)) {
            return t.asSubclass(Record.class);
        }
        throw new IllegalStateException(c.getDeclaringRecord().getName() + "." + c.getName()
                + " is not a list of records");
    }

    /** The targets of a record, nested ones dotted, for messages. */
    private static List<String> targets(Class<? extends Record> type, String prefix) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            if (Record.class.isAssignableFrom(c.getType())) {
                out.addAll(targets(c.getType().asSubclass(Record.class), prefix + c.getName() + "."));
            } else {
                out.add(prefix + c.getName());
            }
        }
        return out;
    }

    /** A {@code where} filter; everything when absent, null after reporting what is wrong. */
    FeedWhere where(String at, JsonNode node) {
        if (node == null) {
            return FeedWhere.ALL;
        }
        if (!node.isObject() || node.isEmpty()) {
            add(at, "must be a mapping of paths to the values they must have, e.g. { type: payment }");
            return null;
        }
        Map<FeedPath, Set<String>> conditions = new LinkedHashMap<>();
        int before = reported.getAsInt();
        node.properties().forEach(e -> {
            String field = at + "." + e.getKey();
            FeedPath path = pathOrNull(field, e.getKey());
            Set<String> values = new LinkedHashSet<>();
            JsonNode v = e.getValue();
            (v.isArray() ? v : List.of(v)).forEach(one -> {
                if (one.isValueNode() && !one.isNull() && !one.asText().isBlank()) {
                    values.add(one.asText().trim());
                } else {
                    add(field, "must be a value or a list of values");
                }
            });
            if (v.isArray() && v.isEmpty()) {
                add(field, "must be a value or a list of values");
            }
            if (path != null) {
                conditions.put(path, Set.copyOf(values));
            }
        });
        return reported.getAsInt() > before ? null : new FeedWhere(Map.copyOf(conditions));
    }

    private FeedPath pathOrNull(String at, String text) {
        try {
            FeedPath path = FeedPath.parse(text);
            if (path.lists() == 0) {
                return path;
            }
            add(at, "'" + text + "': [] is only for items and each");
        } catch (IllegalArgumentException e) {
            add(at, e.getMessage());
        }
        return null;
    }

    /** A path that ends with {@code []}: the elements of a list. */
    FeedPath listPath(String at, JsonNode node) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            add(at, "is missing: the path of a list, ending with [], e.g. awards[]");
            return null;
        }
        String text = node.asText().trim();
        try {
            FeedPath path = FeedPath.parse(text);
            if (!path.endsWithList()) {
                add(at, "'" + text + "' must end with [], naming the elements of a list (e.g. " + text + "[])");
                return null;
            }
            return path;
        } catch (IllegalArgumentException e) {
            add(at, e.getMessage());
            return null;
        }
    }

    private void unknownFields(JsonNode node, Set<String> known, String prefix) {
        node.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                add(prefix + f, "is not a known field (known: " + new TreeSet<>(known) + ")");
            }
        });
    }

    private void add(String field, String reason) {
        problems.accept(field, reason);
    }
}
