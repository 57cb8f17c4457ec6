package com.receivableshub.mapping;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How an ERP writes a yes/no column: 是/否, Y/N, 1/0, 已确权/未确权. Compared exactly, after trimming. */
public final class BooleanSpelling {

    /** Used when a layout names only the column: the spellings ERPs use most. */
    public static final BooleanSpelling DEFAULT = new BooleanSpelling(
            List.of("Y", "是", "1", "true"), List.of("N", "否", "0", "false"));

    private final List<String> trueValues;
    private final List<String> falseValues;
    private final Map<String, Boolean> byText = new HashMap<>();

    /** Throws IllegalArgumentException when a list is empty or a spelling is in both. */
    public BooleanSpelling(List<String> trueValues, List<String> falseValues) {
        if (trueValues.isEmpty() || falseValues.isEmpty()) {
            throw new IllegalArgumentException("needs at least one spelling for true and one for false");
        }
        this.trueValues = List.copyOf(trueValues);
        this.falseValues = List.copyOf(falseValues);
        trueValues.forEach(t -> byText.put(t, Boolean.TRUE));
        for (String f : falseValues) {
            if (byText.put(f, Boolean.FALSE) != null) {
                throw new IllegalArgumentException("'" + f + "' is given for both true and false");
            }
        }
    }

    public List<String> trueValues() {
        return trueValues;
    }

    public List<String> falseValues() {
        return falseValues;
    }

    /** The first spelling of the value. */
    public String format(boolean value) {
        return value ? trueValues.get(0) : falseValues.get(0);
    }

    Boolean parse(String text) throws ValueException {
        Boolean value = byText.get(text);
        if (value == null) {
            throw new ValueException(Texts.quoted(text) + " is not one of " + String.join(", ", trueValues)
                    + " (true) or " + String.join(", ", falseValues) + " (false)");
        }
        return value;
    }
}
