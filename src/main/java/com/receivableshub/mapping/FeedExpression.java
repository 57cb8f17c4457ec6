package com.receivableshub.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a field of a feed mapping gets its value (see mappings/README.md): a path, an adapter value, a
 * constant, or a function of other expressions. Evaluating gives a value or why there is none; a value that is
 * there but wrong (a bad date, a foreign currency) is a {@link FeedValueException}.
 */
sealed interface FeedExpression {

    FeedValue evaluate(FeedScope scope) throws FeedValueException;

    /** {@link ValueType#TEXT}, {@link ValueType#DATE} or {@link ValueType#AMOUNT}. */
    ValueType type();

    /** The expression as the mapping writes it, for reasons. */
    String describe();

    /** The JSON a path starts from. */
    enum Root {
        ITEM(""), PARENT("$parent."), RELEASE("$release."), PAGE("$package.");

        final String prefix;

        Root(String prefix) {
            this.prefix = prefix;
        }

        JsonNode of(FeedScope scope) {
            return switch (this) {
                case ITEM -> scope.item();
                case PARENT -> scope.parent();
                case RELEASE -> scope.release();
                case PAGE -> scope.page();
            };
        }
    }

    /** The value at a path; blank text counts as absent, as publishers write "" for "not known". */
    record Ref(Root root, FeedPath path) implements FeedExpression {

        @Override
        public FeedValue evaluate(FeedScope scope) {
            JsonNode node = path.resolve(root.of(scope));
            if (node == null || node.isTextual() && node.asText().isBlank()) {
                return FeedValue.absent("nothing at " + describe());
            }
            return FeedValue.of(node);
        }

        @Override
        public ValueType type() {
            return ValueType.TEXT;
        }

        @Override
        public String describe() {
            return root.prefix + path;
        }
    }

    /** {@code ${adapter.name}}: a value the hub takes from the procurement system's adapter. */
    record Adapter(String name) implements FeedExpression {

        @Override
        public FeedValue evaluate(FeedScope scope) {
            String value = scope.adapter().get(name);
            return value == null || value.isBlank() ? FeedValue.absent("no adapter value " + name) : FeedValue.of(value);
        }

        @Override
        public ValueType type() {
            return ValueType.TEXT;
        }

        @Override
        public String describe() {
            return "${adapter." + name + "}";
        }
    }

    record Constant(String value) implements FeedExpression {

        @Override
        public FeedValue evaluate(FeedScope scope) {
            return FeedValue.of(value);
        }

        @Override
        public ValueType type() {
            return ValueType.TEXT;
        }

        @Override
        public String describe() {
            return "'" + value + "'";
        }
    }

    /**
     * The element of a list whose {@code where} equals a key (or, when it is a list, contains it), e.g. the
     * party whose id is the supplier's id, or the party whose roles contain payer; then {@code take} inside it.
     * Two matches are an error: guessing which party is meant could finance the wrong one.
     */
    record Lookup(Ref list, FeedPath where, FeedExpression equals, FeedPath take) implements FeedExpression {

        @Override
        public FeedValue evaluate(FeedScope scope) throws FeedValueException {
            FeedValue key = equals.evaluate(scope);
            if (!key.present()) {
                return key;
            }
            String wanted = FeedValues.text(key.value(), equals.describe());
            FeedValue elements = list.evaluate(scope);
            JsonNode array = elements.present() ? (JsonNode) elements.value() : null;
            if (array != null && !array.isArray()) {
                throw new FeedValueException(list.describe() + " is not a list");
            }
            List<JsonNode> found = new ArrayList<>();
            if (array != null) {
                for (JsonNode element : array) {
                    if (matches(where.resolve(element), wanted)) {
                        found.add(element);
                    }
                }
            }
            String what = "element of " + list.describe() + " with " + where + " " + Texts.quoted(wanted);
            if (found.size() > 1) {
                throw new FeedValueException(found.size() + " elements of " + list.describe() + " have " + where + " "
                        + Texts.quoted(wanted) + ": cannot tell which is meant");
            }
            if (found.isEmpty()) {
                return FeedValue.absent("no " + what);
            }
            if (take == null) {
                return FeedValue.of(found.get(0));
            }
            JsonNode value = take.resolve(found.get(0));
            return value == null || value.isTextual() && value.asText().isBlank()
                    ? FeedValue.absent("nothing at " + take + " of the " + what)
                    : FeedValue.of(value);
        }

        private static boolean matches(JsonNode node, String wanted) {
            if (node == null) {
                return false;
            }
            if (node.isArray()) {
                for (JsonNode element : node) {
                    if (element.isValueNode() && element.asText().trim().equals(wanted)) {
                        return true;
                    }
                }
                return false;
            }
            return node.isValueNode() && node.asText().trim().equals(wanted);
        }

        @Override
        public ValueType type() {
            return ValueType.TEXT;
        }

        @Override
        public String describe() {
            return "{lookup: " + list.describe() + ", where: " + where + ", equals: " + equals.describe()
                    + (take == null ? "" : ", take: " + take) + "}";
        }
    }

    /** The value only when all of it matches the pattern; otherwise absent, so {@code first} goes on. */
    record Matching(Pattern pattern, FeedExpression value) implements FeedExpression {

        @Override
        public FeedValue evaluate(FeedScope scope) throws FeedValueException {
            FeedValue found = value.evaluate(scope);
            if (!found.present()) {
                return found;
            }
            String text = FeedValues.text(found.value(), value.describe());
            return pattern.matcher(text).matches() ? FeedValue.of(text)
                    : FeedValue.absent(value.describe() + " is " + Texts.quoted(text) + ", not matching " + pattern);
        }

        @Override
        public ValueType type() {
            return ValueType.TEXT;
        }

        @Override
        public String describe() {
            return "{pattern: " + pattern + ", value: " + value.describe() + "}";
        }
    }

    /** The parts as text, one after the other; absent when a part is. */
    record Concat(List<FeedExpression> parts) implements FeedExpression {

        @Override
        public FeedValue evaluate(FeedScope scope) throws FeedValueException {
            StringBuilder out = new StringBuilder();
            for (FeedExpression part : parts) {
                FeedValue found = part.evaluate(scope);
                if (!found.present()) {
                    return found;
                }
                out.append(FeedValues.text(found.value(), part.describe()));
            }
            return FeedValue.of(out.toString());
        }

        @Override
        public ValueType type() {
            return ValueType.TEXT;
        }

        @Override
        public String describe() {
            return "{concat: " + parts.stream().map(FeedExpression::describe).toList() + "}";
        }
    }

    /** The first alternative that has a value; a wrong value is an error, not a reason to try the next. */
    record First(List<FeedExpression> alternatives) implements FeedExpression {

        @Override
        public FeedValue evaluate(FeedScope scope) throws FeedValueException {
            List<String> why = new ArrayList<>();
            for (FeedExpression alternative : alternatives) {
                FeedValue found = alternative.evaluate(scope);
                if (found.present()) {
                    return found;
                }
                why.add(found.missing());
            }
            return FeedValue.absent(String.join("; ", why));
        }

        @Override
        public ValueType type() {
            return alternatives.get(0).type();
        }

        @Override
        public String describe() {
            return "{first: " + alternatives.stream().map(FeedExpression::describe).toList() + "}";
        }
    }

    /** The date part of an ISO 8601 date-time, see {@link FeedValues#date}. */
    record DateOf(FeedExpression value) implements FeedExpression {

        @Override
        public FeedValue evaluate(FeedScope scope) throws FeedValueException {
            FeedValue found = value.evaluate(scope);
            if (!found.present()) {
                return found;
            }
            return FeedValue.of(FeedValues.date(FeedValues.text(found.value(), value.describe()), value.describe()));
        }

        @Override
        public ValueType type() {
            return ValueType.DATE;
        }

        @Override
        public String describe() {
            return "{date: " + value.describe() + "}";
        }
    }

    /**
     * An amount as given, in the currency the mapping requires (null: any, for foreign samples only). The
     * hub has no exchange rates: every canonical amount is CNY, so another currency is the item's error.
     */
    record MoneyOf(FeedExpression amount, FeedExpression currency, String required) implements FeedExpression {

        @Override
        public FeedValue evaluate(FeedScope scope) throws FeedValueException {
            FeedValue found = amount.evaluate(scope);
            if (!found.present()) {
                return found;
            }
            if (required != null) {
                FeedValue code = currency.evaluate(scope);
                if (!code.present()) {
                    throw new FeedValueException("has no currency (" + code.missing() + "); the mapping accepts "
                            + required + " only");
                }
                String text = FeedValues.text(code.value(), currency.describe());
                if (!text.equals(required)) {
                    throw new FeedValueException("is in " + Texts.quoted(text) + " (" + currency.describe()
                            + "); the mapping accepts " + required + " only");
                }
            }
            return FeedValue.of(FeedValues.amount(found.value(), amount.describe()));
        }

        @Override
        public ValueType type() {
            return ValueType.AMOUNT;
        }

        @Override
        public String describe() {
            return "{money: " + amount.describe() + (currency == null ? "" : ", currency: " + currency.describe())
                    + "}";
        }
    }
}
