package com.receivableshub.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A path into a JSON tree as a feed mapping writes it: names joined by dots, {@code [0]} for a list element,
 * {@code []} for every element of a list ({@code contracts[].implementation.transactions[]}).
 */
final class FeedPath {

    /** What a walk over a path with {@code []} finds; paths are concrete, e.g. {@code contracts[0].milestones[2]}. */
    interface Visitor {

        /** An element of the last list of the path; {@code parent} is the element of the list before it, or null. */
        void element(JsonNode parent, JsonNode element, String path);

        /** The path leads to something that is not a list where a list is walked. */
        void notAList(String path);

        /** The path leads nowhere before its last list; a feed may leave out an empty list. */
        default void missing(String path) {
        }
    }

    private sealed interface Step permits Name, Index, Each {
    }

    private record Name(String name) implements Step {
    }

    private record Index(int index) implements Step {
    }

    private record Each() implements Step {
    }

    private final String text;
    private final List<Step> steps;

    private FeedPath(String text, List<Step> steps) {
        this.text = text;
        this.steps = List.copyOf(steps);
    }

    /** Parses a path; an {@link IllegalArgumentException} says what is wrong with it. */
    static FeedPath parse(String text) {
        List<Step> steps = new ArrayList<>();
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty: give a path such as value.amount");
        }
        for (String part : text.split("\\.", -1)) {
            int bracket = part.indexOf('[');
            String name = bracket < 0 ? part : part.substring(0, bracket);
            if (name.isEmpty() || !name.chars().allMatch(FeedPath::nameCharacter)) {
                throw new IllegalArgumentException("'" + text + "' is not a path such as suppliers[0].id");
            }
            steps.add(new Name(name));
            String rest = bracket < 0 ? "" : part.substring(bracket);
            while (!rest.isEmpty()) {
                int close = rest.indexOf(']');
                String inside = close < 0 || rest.charAt(0) != '[' ? null : rest.substring(1, close);
                if (inside == null || !inside.chars().allMatch(Character::isDigit) || inside.length() > 6) {
                    throw new IllegalArgumentException("'" + text + "' is not a path such as suppliers[0].id");
                }
                steps.add(inside.isEmpty() ? new Each() : new Index(Integer.parseInt(inside)));
                rest = rest.substring(close + 1);
            }
        }
        return new FeedPath(text, steps);
    }

    private static boolean nameCharacter(int c) {
        return !Character.isWhitespace(c) && "[]{}$\"'".indexOf(c) < 0;
    }

    /** How many lists the path walks ({@code []}). */
    int lists() {
        return (int) steps.stream().filter(Each.class::isInstance).count();
    }

    /** Whether the path ends with {@code []}, naming the elements of a list. */
    boolean endsWithList() {
        return !steps.isEmpty() && steps.get(steps.size() - 1) instanceof Each;
    }

    /** The value at the path, or null when there is none (absent, JSON null); only for paths without {@code []}. */
    JsonNode resolve(JsonNode from) {
        JsonNode node = from;
        for (Step step : steps) {
            if (node == null) {
                return null;
            }
            if (step instanceof Name n) {
                node = node.isObject() ? node.get(n.name()) : null;
            } else if (step instanceof Index i) {
                node = node.isArray() ? node.get(i.index()) : null;
            } else {
                throw new IllegalStateException("resolve() of a path with []: " + text);
            }
        }
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    /** Walks every list of the path, handing each element of the last one to the visitor, in order. */
    void forEach(JsonNode from, Visitor visitor) {
        walk(from, 0, null, "", visitor);
    }

    private void walk(JsonNode node, int at, JsonNode parent, String path, Visitor visitor) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            visitor.missing(path);
            return;
        }
        if (at == steps.size()) {
            return;
        }
        Step step = steps.get(at);
        if (step instanceof Name n) {
            walk(node.isObject() ? node.get(n.name()) : null, at + 1, parent,
                    path.isEmpty() ? n.name() : path + "." + n.name(), visitor);
        } else if (step instanceof Index i) {
            walk(node.isArray() ? node.get(i.index()) : null, at + 1, parent, path + "[" + i.index() + "]", visitor);
        } else if (!node.isArray()) {
            visitor.notAList(path);
        } else {
            for (int k = 0; k < node.size(); k++) {
                String element = path + "[" + k + "]";
                if (at == steps.size() - 1) {
                    visitor.element(parent, node.get(k), element);
                } else {
                    walk(node.get(k), at + 1, node.get(k), element, visitor);
                }
            }
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
