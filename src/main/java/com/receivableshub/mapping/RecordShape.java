package com.receivableshub.mapping;

import com.receivableshub.model.NotRequired;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model record seen as flat targets ({@code amount}, {@code account.accountNumber}), each with a slot in
 * a value array. Derived from the record's components, so a new record kind needs no mapping code.
 */
final class RecordShape {

    /** One settable value: its dotted path, type, slot, and whether the model requires it. */
    record Leaf(String path, ValueType type, int slot, boolean required, boolean primitive) {
    }

    private final Constructor<? extends Record> constructor;
    /** Per component: a leaf slot, or the nested shape of a record component. */
    private final Object[] parts;
    private final Map<String, Leaf> leaves;

    private RecordShape(Class<? extends Record> type, String prefix, int firstSlot, boolean required,
            Map<String, Leaf> leaves) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        parts = new Object[components.length];
        int slot = firstSlot;
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            String path = prefix + c.getName();
            boolean isRequired = required && (c.getType().isPrimitive() || !c.isAnnotationPresent(NotRequired.class));
            if (Record.class.isAssignableFrom(c.getType())) {
                RecordShape nested = new RecordShape(c.getType().asSubclass(Record.class), path + ".", slot,
                        isRequired, leaves);
                parts[i] = nested;
                slot += nested.size();
            } else {
                Leaf leaf = new Leaf(path, typeOf(c), slot++, isRequired, c.getType().isPrimitive());
                leaves.put(path, leaf);
                parts[i] = leaf;
            }
        }
        this.leaves = Collections.unmodifiableMap(leaves);
        try {
            constructor = type.getDeclaredConstructor(types);
            constructor.trySetAccessible();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("no canonical constructor in " + type.getName(), e);
        }
    }

    static RecordShape of(Class<? extends Record> type) {
        return new RecordShape(type, "", 0, true, new LinkedHashMap<>());
    }

    /** Every target in component order, nested ones dotted. */
    Map<String, Leaf> leaves() {
        return leaves;
    }

    int size() {
        int n = 0;
        for (Object part : parts) {
            n += part instanceof RecordShape nested ? nested.size() : 1;
        }
        return n;
    }

    /** The record with the values of {@code values}; a missing primitive becomes its default, reported elsewhere. */
    Record build(Object[] values) {
        Object[] args = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] instanceof Leaf leaf) {
                Object v = values[leaf.slot()];
                args[i] = v == null && leaf.primitive() ? Boolean.FALSE : v;
            } else {
                args[i] = ((RecordShape) parts[i]).build(values);
            }
        }
        try {
            return constructor.newInstance(args);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot build " + constructor.getDeclaringClass().getName(), e);
        }
    }

    private static ValueType typeOf(RecordComponent c) {
        Class<?> t = c.getType();
        if (t == String.class) {
            // the model's own rule: a component named ...Code is a credit code
            return c.getName().endsWith("Code") ? ValueType.CODE : ValueType.TEXT;
        }
        if (t == BigDecimal.class) {
            return ValueType.AMOUNT;
        }
        if (t == LocalDate.class) {
            return ValueType.DATE;
        }
        if (t == boolean.class || t == Boolean.class) {
            return ValueType.BOOLEAN;
        }
        throw new IllegalStateException(c.getDeclaringRecord().getName() + "." + c.getName() + " of type "
                + t.getSimpleName() + " cannot come from a CSV cell");
    }
}
