package com.receivableshub.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a feed mapping builds one canonical record from an item: one part per record component, in order. Every
 * problem of the item is collected, each naming the canonical field ({@code collectionAccount},
 * {@code paymentPlan[1].amount}), so the publisher can fix them all at once.
 */
final class FeedShape {

    /** One wrong or missing field of an item. */
    record Problem(String field, String reason) {
    }

    sealed interface Part {
        String name();
    }

    /** A text, date or amount; {@code source} is null for an optional field the mapping leaves out. */
    record Leaf(String name, FeedExpression source, boolean required) implements Part {
    }

    /** A nested record, e.g. the contract's collection account. */
    record Nested(String name, FeedShape shape, boolean required) implements Part {
    }

    /** A list of records, one per element of {@code each} kept by {@code where}, e.g. the payment plan. */
    record Many(String name, FeedPath each, FeedWhere where, FeedShape element) implements Part {
    }

    /** What building one (nested) record found: problems, reasons of absent fields, how many had a value. */
    private static final class Found {
        final List<Problem> problems;
        final List<String> absent = new ArrayList<>();
        int present;

        Found(List<Problem> problems) {
            this.problems = problems;
        }
    }

    private final Constructor<? extends Record> constructor;
    private final List<Part> parts;

    FeedShape(Class<? extends Record> type, List<Part> parts) {
        this.parts = List.copyOf(parts);
        try {
            constructor = type.getDeclaredConstructor(Arrays.stream(type.getRecordComponents())
                    .map(RecordComponent::getType).toArray(Class<?>[]::new));
            constructor.trySetAccessible();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("no canonical constructor in " + type.getName(), e);
        }
    }

    /** The record, or null when the item has problems, which are added to {@code problems}. */
    Record build(FeedScope scope, String prefix, List<Problem> problems) {
        return assemble(scope, prefix, new Found(problems));
    }

    private Record assemble(FeedScope scope, String prefix, Found found) {
        int before = found.problems.size();
        Object[] args = new Object[parts.size()];
        for (int i = 0; i < args.length; i++) {
            Part part = parts.get(i);
            String field = prefix + part.name();
            if (part instanceof Leaf leaf) {
                args[i] = leaf(leaf, scope, field, found);
            } else if (part instanceof Nested nested) {
                args[i] = nested(nested, scope, field, found);
            } else {
                args[i] = many((Many) part, scope, field, found);
            }
        }
        if (found.problems.size() > before) {
            return null;
        }
        try {
            return constructor.newInstance(args);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot build " + constructor.getDeclaringClass().getName(), e);
        }
    }

    private static Object leaf(Leaf leaf, FeedScope scope, String field, Found found) {
        if (leaf.source() == null) {
            return null;
        }
        try {
            FeedValue value = leaf.source().evaluate(scope);
            if (!value.present()) {
                found.absent.add(value.missing());
                if (leaf.required()) {
                    found.problems.add(new Problem(field, "is missing: " + value.missing()));
                }
                return null;
            }
            found.present++;
            Object v = value.value();
            // dates and amounts are typed by their function, which the mapping's load checked against the field
            return v instanceof LocalDate || v instanceof BigDecimal ? v
                    : FeedValues.text(v, leaf.source().describe());
        } catch (FeedValueException e) {
            found.present++;
            found.problems.add(new Problem(field, e.getMessage()));
            return null;
        }
    }

    /** A nested record none of whose fields has a value is one missing field, not one per part. */
    private static Object nested(Nested nested, FeedScope scope, String field, Found found) {
        Found inner = new Found(new ArrayList<>());
        Record record = nested.shape().assemble(scope, field + ".", inner);
        if (inner.present == 0) {
            if (nested.required()) {
                found.problems.add(new Problem(field, "is missing: " + String.join("; ", inner.absent)));
            }
            found.absent.addAll(inner.absent);
            return null;
        }
        found.present++;
        found.problems.addAll(inner.problems);
        return record;
    }

    private static List<Record> many(Many many, FeedScope scope, String field, Found found) {
        List<Record> out = new ArrayList<>();
        many.each().forEach(scope.item(), new FeedPath.Visitor() {
            @Override
            public void element(JsonNode parent, JsonNode element, String path) {
                if (!many.where().test(element)) {
                    return;
                }
                String at = field + "[" + out.size() + "]";
                if (!element.isObject()) {
                    found.problems.add(new Problem(at, path + " is not an object"));
                    out.add(null);
                    return;
                }
                out.add(many.element().assemble(scope.enter(element), at + ".", found));
            }

            @Override
            public void notAList(String path) {
                found.problems.add(new Problem(field, path + " is not a list"));
            }
        });
        if (!out.isEmpty()) {
            found.present++;
        }
        // an absent list is an empty one: OCDS leaves out what it has none of
        return out.contains(null) ? null : List.copyOf(out);
    }
}
