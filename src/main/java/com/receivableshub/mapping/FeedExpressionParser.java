package com.receivableshub.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads the expressions of a feed mapping (see {@link FeedExpression}), reporting each problem by its field. */
final class FeedExpressionParser {

    private static final Pattern ADAPTER = Pattern.compile("\\$\\{adapter\\.([A-Za-z][A-Za-z0-9_]*)}");
    private static final Map<String, Set<String>> OPTIONS = Map.of(
            "constant", Set.of(),
            "date", Set.of(),
            "money", Set.of("currency"),
            "concat", Set.of(),
            "first", Set.of(),
            "pattern", Set.of("value"),
            "lookup", Set.of("where", "equals", "take"));

    private final BiConsumer<String, String> problems;
    private final String currency;
    private final Set<String> adapterValues = new TreeSet<>();
    private boolean parentAllowed;

    /** {@code currency} is the one every amount must be in, or null for any. */
    FeedExpressionParser(BiConsumer<String, String> problems, String currency) {
        this.problems = problems;
        this.currency = currency;
    }

    /** Whether {@code $parent.} may be used: inside an item nested in another list, or an element of a list field. */
    boolean parentAllowed(boolean allowed) {
        boolean was = parentAllowed;
        parentAllowed = allowed;
        return was;
    }

    /** Every {@code ${adapter.name}} used so far. */
    Set<String> adapterValues() {
        return adapterValues;
    }

    /** The expression at {@code at}, or null after reporting why it is wrong. */
    FeedExpression parse(String at, JsonNode spec) {
        if (spec == null || spec.isNull()) {
            problems.accept(at, "is missing");
            return null;
        }
        if (spec.isTextual()) {
            return reference(at, spec.asText().trim());
        }
        if (!spec.isObject()) {
            problems.accept(at, "is " + spec + ": a value is a path (text), or a function such as { constant: \""
                    + spec.asText() + "\" }");
            return null;
        }
        List<String> functions = new ArrayList<>();
        spec.fieldNames().forEachRemaining(f -> {
            if (OPTIONS.containsKey(f)) {
                functions.add(f);
            }
        });
        if (functions.size() != 1) {
            problems.accept(at, (functions.isEmpty() ? "names no function" : "names several functions " + functions)
                    + ": give one of " + new TreeSet<>(OPTIONS.keySet()));
            return null;
        }
        String function = functions.get(0);
        spec.fieldNames().forEachRemaining(f -> {
            if (!f.equals(function) && !OPTIONS.get(function).contains(f)) {
                problems.accept(at + "." + f, "is not an option of " + function
                        + (OPTIONS.get(function).isEmpty() ? " (it has none)" : " (known: " + OPTIONS.get(function) + ")"));
            }
        });
        JsonNode arg = spec.get(function);
        String inner = at + "." + function;
        return switch (function) {
            case "constant" -> constant(inner, arg);
            case "date" -> date(inner, arg);
            case "money" -> money(at, spec);
            case "concat", "first" -> several(inner, function, arg);
            case "pattern" -> pattern(at, spec);
            default -> lookup(at, spec);
        };
    }

    /** A path: item-relative, or from {@code $release.}, {@code $parent.}, {@code $package.}; or an adapter value. */
    FeedExpression reference(String at, String text) {
        if (text.startsWith("${")) {
            Matcher m = ADAPTER.matcher(text);
            if (!m.matches()) {
                problems.accept(at, "'" + text + "' is not an adapter value such as ${adapter.region}");
                return null;
            }
            adapterValues.add(m.group(1));
            return new FeedExpression.Adapter(m.group(1));
        }
        FeedExpression.Root root = FeedExpression.Root.ITEM;
        String path = text;
        if (text.startsWith("$")) {
            for (FeedExpression.Root r : FeedExpression.Root.values()) {
                if (r != FeedExpression.Root.ITEM && text.startsWith(r.prefix)) {
                    root = r;
                    path = text.substring(r.prefix.length());
                }
            }
            if (root == FeedExpression.Root.ITEM) {
                problems.accept(at, "'" + text + "' starts with an unknown root: a path starts with $release.,"
                        + " $parent., $package., or with a field of the item itself");
                return null;
            }
            if (root == FeedExpression.Root.PARENT && !parentAllowed) {
                problems.accept(at, "'" + text + "': $parent. is only for items nested in another list"
                        + " (e.g. contracts[].implementation.transactions[]) and for the elements of a list field");
                return null;
            }
        }
        FeedPath parsed = path(at, path);
        return parsed == null ? null : new FeedExpression.Ref(root, parsed);
    }

    /** A path without {@code []}, or null after reporting why not. */
    FeedPath path(String at, String text) {
        try {
            FeedPath path = FeedPath.parse(text);
            if (path.lists() > 0) {
                problems.accept(at, "'" + text + "': [] is only for items and each; use [0] for one element");
                return null;
            }
            return path;
        } catch (IllegalArgumentException e) {
            problems.accept(at, e.getMessage());
            return null;
        }
    }

    private FeedExpression constant(String at, JsonNode arg) {
        if (arg == null || !arg.isValueNode() || arg.isNull() || arg.asText().isBlank()) {
            problems.accept(at, "must be a single value");
            return null;
        }
        return new FeedExpression.Constant(arg.asText().trim());
    }

    private FeedExpression date(String at, JsonNode arg) {
        FeedExpression value = parse(at, arg);
        if (value == null || !text(at, value)) {
            return null;
        }
        if (value instanceof FeedExpression.Constant c) {
            try {
                FeedValues.date(c.value(), "the constant");
            } catch (FeedValueException e) {
                problems.accept(at, e.getMessage());
                return null;
            }
        }
        return new FeedExpression.DateOf(value);
    }

    private FeedExpression money(String at, JsonNode spec) {
        FeedExpression amount = parse(at + ".money", spec.get("money"));
        FeedExpression code = spec.has("currency") ? parse(at + ".currency", spec.get("currency")) : null;
        if (code == null && !spec.has("currency") && currency != null) {
            problems.accept(at + ".currency", "is missing: the mapping accepts " + currency + " only, so say where"
                    + " each amount's currency is (e.g. value.currency), or { constant: " + currency + " }");
            return null;
        }
        if (amount == null || !text(at + ".money", amount) || spec.has("currency") && code == null
                || code != null && !text(at + ".currency", code)) {
            return null;
        }
        return new FeedExpression.MoneyOf(amount, code, currency);
    }

    private FeedExpression several(String at, String function, JsonNode arg) {
        if (arg == null || !arg.isArray() || arg.size() < 2) {
            problems.accept(at, "must be a list of two or more values");
            return null;
        }
        List<FeedExpression> parts = new ArrayList<>();
        for (int i = 0; i < arg.size(); i++) {
            parts.add(parse(at + "[" + i + "]", arg.get(i)));
        }
        if (parts.contains(null)) {
            return null;
        }
        if (function.equals("concat")) {
            return new FeedExpression.Concat(parts);
        }
        if (parts.stream().map(FeedExpression::type).distinct().count() > 1) {
            problems.accept(at, "mixes " + parts.stream().map(p -> p.type().name().toLowerCase(Locale.ROOT)).distinct().toList()
                    + ": the alternatives must give the same kind of value");
            return null;
        }
        return new FeedExpression.First(parts);
    }

    private FeedExpression pattern(String at, JsonNode spec) {
        JsonNode regex = spec.get("pattern");
        FeedExpression value = parse(at + ".value", spec.get("value"));
        if (regex == null || !regex.isTextual() || regex.asText().isEmpty()) {
            problems.accept(at + ".pattern", "must be a regular expression, e.g. \"[0-9]{6}\"");
            return null;
        }
        try {
            Pattern compiled = Pattern.compile(regex.asText());
            return value == null || !text(at + ".value", value) ? null : new FeedExpression.Matching(compiled, value);
        } catch (PatternSyntaxException e) {
            problems.accept(at + ".pattern", "'" + regex.asText() + "' is not a regular expression: "
                    + e.getDescription());
            return null;
        }
    }

    private FeedExpression lookup(String at, JsonNode spec) {
        JsonNode list = spec.get("lookup");
        FeedExpression in = null;
        if (list == null || !list.isTextual() || list.asText().trim().startsWith("${")) {
            problems.accept(at + ".lookup", "must be the path of a list, e.g. $release.parties");
        } else {
            in = reference(at + ".lookup", list.asText().trim());
        }
        FeedPath where = plainPath(at + ".where", spec.get("where"), true);
        FeedExpression equals = parse(at + ".equals", spec.get("equals"));
        FeedPath take = plainPath(at + ".take", spec.get("take"), false);
        if (in == null || where == null || equals == null || spec.has("take") && take == null
                || !text(at + ".equals", equals)) {
            return null;
        }
        return new FeedExpression.Lookup((FeedExpression.Ref) in, where, equals, take);
    }

    private FeedPath plainPath(String at, JsonNode node, boolean required) {
        if (node == null) {
            if (required) {
                problems.accept(at, "is missing: a path inside each element, e.g. id");
            }
            return null;
        }
        if (!node.isTextual()) {
            problems.accept(at, "must be a path inside each element, e.g. id");
            return null;
        }
        return path(at, node.asText().trim());
    }

    /** Whether the expression gives text, as the argument of a function must. */
    private boolean text(String at, FeedExpression e) {
        if (e.type() != ValueType.TEXT) {
            problems.accept(at, "is " + (e.type() == ValueType.DATE ? "a date" : "an amount")
                    + "; this needs a value as the feed gives it");
            return false;
        }
        return true;
    }
}
