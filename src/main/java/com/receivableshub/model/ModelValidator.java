package com.receivableshub.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.participant.CreditCode;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks any model record by its components, so a new message type needs no validator code:
 * components are required unless {@link NotRequired}; strings must not be blank; a component whose
 * name ends in {@code Code} (or a list ending in {@code Codes}) is a credit code; a BigDecimal is a
 * CNY amount, positive unless {@link NegativeAllowed} or {@link ZeroAllowed}; nested records and
 * lists are checked element by element. Rules spanning fields come from {@link CrossFieldCheck}.
 */
public final class ModelValidator {

    /** Reflection is read once per record class. */
    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents()).map(Component::of).toList();
        }
    };

    private ModelValidator() {
    }

    /** Every violation in the record, with paths such as {@code payables[3].amount}; empty when valid. */
    public static List<Violation> validate(Object record) {
        if (!(record instanceof Record r)) {
            throw new IllegalArgumentException("not a model record: " + record);
        }
        List<Violation> out = new ArrayList<>();
        checkRecord(r, "", out);
        return List.copyOf(out);
    }

    /** The record itself when valid; otherwise a {@link ValidationException} listing every violation. */
    public static <T extends Record> T requireValid(T record) {
        ValidationException.throwIfAny(validate(record));
        return record;
    }

    /**
     * Checks the envelope, then reads the payload as its type's record and checks that, with paths
     * under {@code payload}. A payload that does not even parse (unknown field, bad date) is reported
     * as a violation too, so the sender gets one answer listing what is wrong.
     */
    public static List<Violation> validateEnvelope(Envelope envelope, ObjectMapper mapper) {
        List<Violation> out = new ArrayList<>(validate(envelope));
        // blank or missing ones are already reported by the generic rules
        checkCode("sender", envelope.sender(), out);
        List<String> receivers = envelope.receivers() == null ? List.of() : envelope.receivers();
        for (int i = 0; i < receivers.size(); i++) {
            checkCode("receivers[" + i + "]", receivers.get(i), out);
        }
        if (envelope.type() != null && envelope.payload() != null) {
            try {
                Object payload = mapper.treeToValue(envelope.payload(), envelope.type().payloadClass());
                validate(payload).forEach(v -> out.add(v.under("payload")));
            } catch (JsonProcessingException e) {
                out.add(JsonViolations.of("payload", e));
            }
        }
        return List.copyOf(out);
    }

    private static void checkCode(String field, String code, List<Violation> out) {
        if (code != null && !code.isBlank()) {
            CreditCode.problem(code).ifPresent(p -> out.add(new Violation(field, p)));
        }
    }

    private static void checkRecord(Record r, String path, List<Violation> out) {
        for (Component c : COMPONENTS.get(r.getClass())) {
            String at = path.isEmpty() ? c.name() : path + "." + c.name();
            Object value = c.read(r);
            if (value == null) {
                if (c.required()) {
                    out.add(new Violation(at, "is missing"));
                }
            } else if (value instanceof List<?> list) {
                if (c.nonEmpty() && list.isEmpty()) {
                    out.add(new Violation(at, "must not be empty"));
                }
                for (int i = 0; i < list.size(); i++) {
                    String element = at + "[" + i + "]";
                    if (list.get(i) == null) {
                        out.add(new Violation(element, "is missing"));
                    } else {
                        checkValue(c, list.get(i), element, out);
                    }
                }
            } else {
                checkValue(c, value, at, out);
            }
        }
        if (r instanceof CrossFieldCheck check) {
            check.crossFieldViolations().forEach(v -> out.add(v.under(path)));
        }
    }

    private static void checkValue(Component c, Object value, String at, List<Violation> out) {
        if (value instanceof String text) {
            if (text.isBlank()) {
                out.add(new Violation(at, "is blank"));
            } else if (c.creditCode()) {
                CreditCode.problem(text).ifPresent(p -> out.add(new Violation(at, p)));
            }
        } else if (value instanceof BigDecimal amount) {
            Money.problem(amount, c.sign()).ifPresent(p -> out.add(new Violation(at, p)));
        } else if (value instanceof Record nested) {
            checkRecord(nested, at, out);
        }
        // enums, dates, booleans and JSON trees need only be present
    }

    private record Component(String name, Method accessor, boolean required, boolean nonEmpty,
                             boolean creditCode, Money.Sign sign) {

        static Component of(RecordComponent rc) {
            Money.Sign sign = rc.isAnnotationPresent(NegativeAllowed.class) ? Money.Sign.ANY
                    : rc.isAnnotationPresent(ZeroAllowed.class) ? Money.Sign.NON_NEGATIVE
                    : Money.Sign.POSITIVE;
            Method accessor = rc.getAccessor();
            accessor.trySetAccessible();
            return new Component(rc.getName(), accessor,
                    !rc.isAnnotationPresent(NotRequired.class) && !rc.getType().isPrimitive(),
                    rc.isAnnotationPresent(NonEmpty.class),
                    rc.getName().endsWith("Code") || rc.getName().endsWith("Codes"),
                    sign);
        }

        Object read(Record r) {
            try {
                return accessor.invoke(r);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + name + " of " + r.getClass().getName(), e);
            }
        }
    }
}
