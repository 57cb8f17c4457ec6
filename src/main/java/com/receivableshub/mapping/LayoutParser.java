package com.receivableshub.mapping;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.receivableshub.model.Money;
import com.receivableshub.model.ValidationException;
import com.receivableshub.participant.CreditCode;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads a layout's YAML and checks every field, collecting all problems so an ERP owner fixes them in one go. */
final class LayoutParser extends YamlFileParser {

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            // Y/N, yes/no are spellings of the ERP here, not YAML booleans
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            // a field mapped twice would silently keep the last one
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());
    private static final Set<String> TOP_FIELDS = Set.of("format", "record", "charset", "delimiter", "quote", "header",
            "columns", "dateFormat", "decimal", "constants", "fields", "description");
    private static final Set<String> DECIMAL_FIELDS = Set.of("style", "unit");
    private static final Set<String> COLUMN_FIELDS = Set.of("column", "true", "false");
    /** Bytes that must mean themselves: lines are split at LF before decoding, so the charset must keep ASCII. */
    private static final String ASCII_PROBE = "\n\r\"',;|\t 09AZaz";

    LayoutParser(String source) {
        super(source);
    }

    CsvLayout parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            add(null, "is not valid YAML" + (at == null ? "" : " (line " + at.getLineNr() + ")") + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
            throw new LayoutException(problems);
        }
        if (root == null || !root.isObject()) {
            add(null, "is empty or not a YAML mapping");
            throw new LayoutException(problems);
        }
        unknownFields(root, TOP_FIELDS, "");
        String format = text(root, "format");
        if (format != null && !format.equals("csv")) {
            add("format", "'" + format + "' is not supported (only csv)");
        }
        RecordKind kind = recordKind(root);
        Charset charset = charset(root);
        char delimiter = oneCharacter(root, "delimiter", ',', false);
        char quote = oneCharacter(root, "quote", '"', true);
        if (delimiter != '\0' && delimiter == quote) {
            add("quote", "is the same character as the delimiter");
        }
        boolean header = header(root);
        int columns = columns(root, header);
        if (kind == null) {
            // without the record kind the fields cannot be checked
            throw new LayoutException(problems);
        }
        Map<String, RecordShape.Leaf> leaves = kind.shape().leaves();
        List<FieldMapping> fields = fields(root, leaves, header);
        Map<String, Object> constants = constants(root, leaves, fields);
        kind.defaults().forEach((target, value) -> {
            if (!constants.containsKey(target) && fields.stream().noneMatch(f -> f.target().equals(target))) {
                constants.put(target, value);
            }
        });
        boolean needsDates = fields.stream().anyMatch(f -> leaves.get(f.target()).type() == ValueType.DATE);
        boolean needsAmounts = fields.stream().anyMatch(f -> leaves.get(f.target()).type() == ValueType.AMOUNT);
        DatePattern dates = dateFormat(root, needsDates);
        AmountFormat amounts = decimal(root, needsAmounts);
        for (RecordShape.Leaf leaf : leaves.values()) {
            if (leaf.required() && !constants.containsKey(leaf.path())
                    && fields.stream().noneMatch(f -> f.target().equals(leaf.path()))) {
                add("fields." + leaf.path(), "is missing: " + kind + " requires it; name its column here,"
                        + " or give one value for the whole file under constants");
            }
        }
        if (!header) {
            int highest = fields.stream().mapToInt(FieldMapping::position).max().orElse(0);
            if (columns == 0) {
                columns = highest;
            } else if (highest > columns) {
                add("columns", "is " + columns + ", but fields use column " + highest);
            }
        }
        if (!problems.isEmpty()) {
            throw new LayoutException(problems);
        }
        return new CsvLayout(source, kind, charset, delimiter, quote, header, columns, dates, amounts, constants,
                fields);
    }

    private RecordKind recordKind(JsonNode root) {
        String name = text(root, "record");
        if (name == null) {
            add("record", "is missing: one of " + Arrays.toString(RecordKind.values()));
            return null;
        }
        try {
            return RecordKind.valueOf(name);
        } catch (IllegalArgumentException e) {
            add("record", "'" + name + "' is not one of " + Arrays.toString(RecordKind.values()));
            return null;
        }
    }

    private Charset charset(JsonNode root) {
        String name = text(root, "charset");
        if (name == null) {
            add("charset", "is missing: the file's encoding, e.g. GBK, GB18030 or UTF-8");
            return null;
        }
        Charset charset;
        try {
            charset = Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            add("charset", "'" + name + "' is not a known charset (e.g. GBK, GB18030, UTF-8)");
            return null;
        }
        byte[] probe = ASCII_PROBE.getBytes(charset);
        if (!Arrays.equals(probe, ASCII_PROBE.getBytes(StandardCharsets.US_ASCII))) {
            add("charset", "'" + name + "' is not supported: it must write ASCII as single bytes, as GBK, GB18030"
                    + " and UTF-8 do");
            return null;
        }
        return charset;
    }

    /** A single character; an empty text gives '\0' where {@code emptyAllowed} (no quoting). */
    private char oneCharacter(JsonNode root, String name, char fallback, boolean emptyAllowed) {
        JsonNode node = root.get(name);
        if (node == null) {
            return fallback;
        }
        String value = node.isValueNode() && !node.isNull() ? node.asText() : null;
        if (value != null && value.isEmpty() && emptyAllowed) {
            return '\0';
        }
        if (value == null || value.length() != 1) {
            add(name, "must be one character" + (emptyAllowed ? ", or \"\" for none" : "")
                    + (value == null ? "" : ", is '" + value + "'"));
            return fallback;
        }
        char c = value.charAt(0);
        if (c == '\n' || c == '\r') {
            add(name, "cannot be a line break");
            return fallback;
        }
        return c;
    }

    private boolean header(JsonNode root) {
        JsonNode node = root.get("header");
        if (node == null) {
            return true;
        }
        if (!node.isBoolean()) {
            add("header", "must be true or false, is '" + node.asText() + "'");
            return true;
        }
        return node.booleanValue();
    }

    private int columns(JsonNode root, boolean header) {
        JsonNode node = root.get("columns");
        if (node == null) {
            return 0;
        }
        if (header) {
            add("columns", "is only for files without a header (header: false); the header gives the count");
            return 0;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() < 1) {
            add("columns", "must be a whole number above 0, is '" + node.asText() + "'");
            return 0;
        }
        return node.intValue();
    }

    private List<FieldMapping> fields(JsonNode root, Map<String, RecordShape.Leaf> leaves, boolean header) {
        List<FieldMapping> fields = new ArrayList<>();
        JsonNode node = root.get("fields");
        if (node == null || !node.isObject() || node.isEmpty()) {
            add("fields", "is missing: a mapping of fields to columns (known fields: " + leaves.keySet() + ")");
            return fields;
        }
        node.fields().forEachRemaining(e -> {
            String target = e.getKey();
            String at = "fields." + target;
            RecordShape.Leaf leaf = leaves.get(target);
            if (leaf == null) {
                add(at, "is not a field of this record (known: " + leaves.keySet() + ")");
                return;
            }
            FieldMapping mapping = column(at, target, leaf, e.getValue(), header);
            if (mapping != null) {
                fields.add(mapping);
            }
        });
        return fields;
    }

    private FieldMapping column(String at, String target, RecordShape.Leaf leaf, JsonNode spec, boolean header) {
        JsonNode column = spec;
        BooleanSpelling spelling = leaf.type() == ValueType.BOOLEAN ? BooleanSpelling.DEFAULT : null;
        if (spec.isObject()) {
            unknownFields(spec, COLUMN_FIELDS, at + ".");
            column = spec.get("column");
            if (spec.has("true") || spec.has("false")) {
                if (leaf.type() != ValueType.BOOLEAN) {
                    add(at, "true/false spellings are only for a yes/no field");
                } else {
                    spelling = spelling(at, spec);
                }
            }
            if (column == null) {
                add(at + ".column", "is missing");
                return null;
            }
        }
        if (column.isIntegralNumber()) {
            if (!column.canConvertToInt() || column.intValue() < 1) {
                add(at, "column position must be 1 or more, is " + column.asText());
                return null;
            }
            return new FieldMapping(target, null, column.intValue(), spelling);
        }
        if (!column.isValueNode() || column.isNull() || column.asText().isBlank()) {
            add(at, "must name a column (or give its 1-based position)");
            return null;
        }
        if (!header) {
            add(at, "'" + column.asText() + "' is a column name, but the file has no header (header: false):"
                    + " give the column's 1-based position");
            return null;
        }
        return new FieldMapping(target, column.asText().trim(), 0, spelling);
    }

    private BooleanSpelling spelling(String at, JsonNode spec) {
        List<String> yes = spellings(at + ".true", spec.get("true"));
        List<String> no = spellings(at + ".false", spec.get("false"));
        if (yes == null || no == null) {
            return null;
        }
        try {
            return new BooleanSpelling(yes, no);
        } catch (IllegalArgumentException e) {
            add(at, e.getMessage());
            return null;
        }
    }

    private List<String> spellings(String at, JsonNode node) {
        if (node == null) {
            add(at, "is missing: give the spellings for both true and false");
            return null;
        }
        List<String> out = new ArrayList<>();
        if (node.isValueNode() && !node.isNull()) {
            out.add(node.asText());
        } else if (node.isArray() && !node.isEmpty()) {
            node.forEach(v -> out.add(v.asText()));
        } else {
            add(at, "must be a spelling or a list of spellings");
            return null;
        }
        return out;
    }

    private Map<String, Object> constants(JsonNode root, Map<String, RecordShape.Leaf> leaves,
            List<FieldMapping> fields) {
        Map<String, Object> constants = new LinkedHashMap<>();
        JsonNode node = root.get("constants");
        if (node == null) {
            return constants;
        }
        if (!node.isObject()) {
            add("constants", "must be a mapping of fields to values");
            return constants;
        }
        node.fields().forEachRemaining(e -> {
            String at = "constants." + e.getKey();
            RecordShape.Leaf leaf = leaves.get(e.getKey());
            if (leaf == null) {
                add(at, "is not a field of this record (known: " + leaves.keySet() + ")");
                return;
            }
            if (fields.stream().anyMatch(f -> f.target().equals(e.getKey()))) {
                add(at, "is also mapped to a column under fields");
                return;
            }
            JsonNode value = e.getValue();
            if (!value.isValueNode() || value.isNull() || value.asText().isBlank()) {
                add(at, "must be a single value");
                return;
            }
            Object typed = constant(at, leaf.type(), value.asText().trim());
            if (typed != null) {
                constants.put(e.getKey(), typed);
            }
        });
        return constants;
    }

    /** Constants are written in the hub's own forms: ISO dates, plain yuan, true/false. */
    private Object constant(String at, ValueType type, String text) {
        switch (type) {
            case CODE -> {
                CreditCode.problem(text).ifPresent(p -> add(at, "'" + text + "' " + p));
                return text;
            }
            case AMOUNT -> {
                try {
                    return Money.of(text);
                } catch (ValidationException e) {
                    add(at, "'" + text + "' is not an amount such as 1234.56");
                    return null;
                }
            }
            case DATE -> {
                try {
                    return LocalDate.parse(text);
                } catch (DateTimeParseException e) {
                    add(at, "'" + text + "' is not a date such as 2025-04-30");
                    return null;
                }
            }
            case BOOLEAN -> {
                if (!text.equals("true") && !text.equals("false")) {
                    add(at, "'" + text + "' is not true or false");
                    return null;
                }
                return Boolean.valueOf(text);
            }
            default -> {
                return text;
            }
        }
    }

    private DatePattern dateFormat(JsonNode root, boolean needed) {
        String pattern = text(root, "dateFormat");
        if (pattern == null) {
            if (needed) {
                add("dateFormat", "is missing: the pattern of the date columns, e.g. yyyyMMdd or yyyy-MM-dd");
            }
            return null;
        }
        try {
            return DatePattern.of(pattern);
        } catch (IllegalArgumentException e) {
            add("dateFormat", e.getMessage());
            return null;
        }
    }

    private AmountFormat decimal(JsonNode root, boolean needed) {
        JsonNode node = root.get("decimal");
        if (node == null) {
            if (needed) {
                // no default: guessing yuan for fen would be a factor of 100
                add("decimal", "is missing: e.g. { style: plain, unit: yuan }");
            }
            return null;
        }
        if (!node.isObject()) {
            add("decimal", "must be a mapping such as { style: plain, unit: yuan }");
            return null;
        }
        unknownFields(node, DECIMAL_FIELDS, "decimal.");
        AmountFormat.Style style = choice(node, "style", AmountFormat.Style.values());
        AmountFormat.Unit unit = choice(node, "unit", AmountFormat.Unit.values());
        return style == null || unit == null ? null : new AmountFormat(style, unit);
    }

    private <E extends Enum<E>> E choice(JsonNode node, String name, E[] values) {
        List<String> names = Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
        String value = text(node, name, "decimal." + name);
        int i = value == null ? -1 : names.indexOf(value);
        if (i < 0) {
            add("decimal." + name, (value == null ? "is missing" : "'" + value + "' is not known") + ": one of " + names);
            return null;
        }
        return values[i];
    }

}
