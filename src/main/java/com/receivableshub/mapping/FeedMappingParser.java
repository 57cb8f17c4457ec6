package com.receivableshub.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a feed mapping's YAML tree field by field, collecting every problem so the mapping's author fixes them
 * in one go. Records' fields are read by {@link FeedShapeParser}, expressions by {@link FeedExpressionParser}.
 */
final class FeedMappingParser extends YamlFileParser {

    private static final Set<String> TOP_FIELDS = Set.of("format", "description", "currency", "package", "release",
            "records");
    private static final Set<String> PACKAGE_FIELDS = Set.of("releases", "next");
    private static final Set<String> RELEASE_FIELDS = Set.of("id", "ocid", "date");
    private static final Set<String> RECORD_FIELDS = Set.of("items", "where", "uniqueId", "fields");
    private static final String ANY_CURRENCY = "any";

    FeedMappingParser(String source) {
        super(source);
    }

    FeedMapping parse(JsonNode root) {
        unknownFields(root, TOP_FIELDS, "");
        String format = text(root, "format");
        if (!"json".equals(format)) {
            add("format", (format == null ? "is missing" : "is '" + format + "'")
                    + ": a feed mapping has format: json (format: csv is an ERP file layout)");
        }
        text(root, "description");
        String currency = currency(root);
        FeedExpressionParser expressions = new FeedExpressionParser(this::add, currency);
        FeedShapeParser shapes = new FeedShapeParser(this::add, problems::size, expressions);
        JsonNode page = section(root, "package", PACKAGE_FIELDS);
        FeedPath releases = shapes.listPath("package.releases", page.get("releases"));
        String nextPath = text(page, "next", "package.next");
        FeedPath next = nextPath == null ? null : expressions.path("package.next", nextPath);
        JsonNode release = section(root, "release", RELEASE_FIELDS);
        FeedPath releaseId = requiredPath(expressions, release, "id");
        FeedPath ocid = release.has("ocid") ? requiredPath(expressions, release, "ocid") : null;
        FeedPath date = requiredPath(expressions, release, "date");
        List<FeedRecordMapping> records = records(root, expressions, shapes);
        if (!problems.isEmpty()) {
            throw new FeedMappingException(problems);
        }
        return new FeedMapping(source, currency, releases, next, releaseId, ocid, date, records,
                expressions.adapterValues());
    }

    private String currency(JsonNode root) {
        String currency = text(root, "currency");
        if (currency == null) {
            // the hub's money is CNY: a mapping must say so to take anything else
            return "CNY";
        }
        if (currency.equals(ANY_CURRENCY)) {
            return null;
        }
        if (!currency.matches("[A-Z]{3}")) {
            add("currency", "'" + currency + "' is not an ISO 4217 code such as CNY, nor 'any'");
            return "CNY";
        }
        return currency;
    }

    private List<FeedRecordMapping> records(JsonNode root, FeedExpressionParser expressions,
            FeedShapeParser shapes) {
        List<FeedRecordMapping> records = new ArrayList<>();
        JsonNode node = root.get("records");
        if (node == null || !node.isObject() || node.isEmpty()) {
            add("records", "is missing: give at least one of " + Arrays.toString(FeedRecordKind.values()));
            return records;
        }
        node.properties().forEach(e -> {
            String at = "records." + e.getKey();
            FeedRecordKind kind = Arrays.stream(FeedRecordKind.values()).filter(k -> k.name().equals(e.getKey()))
                    .findFirst().orElse(null);
            if (kind == null) {
                add(at, "is not a record kind (known: " + Arrays.toString(FeedRecordKind.values()) + ")");
                return;
            }
            if (!e.getValue().isObject()) {
                add(at, "must be a mapping with items, uniqueId and fields");
                return;
            }
            FeedRecordMapping record = record(kind, e.getValue(), at, expressions, shapes);
            if (record != null) {
                records.add(record);
            }
        });
        return records;
    }

    private FeedRecordMapping record(FeedRecordKind kind, JsonNode spec, String at, FeedExpressionParser expressions,
            FeedShapeParser shapes) {
        unknownFields(spec, RECORD_FIELDS, at + ".");
        FeedPath items = shapes.listPath(at + ".items", spec.get("items"));
        FeedWhere where = shapes.where(at + ".where", spec.get("where"));
        // $parent is the list element the items sit in: contracts[] for contracts[].implementation.transactions[]
        expressions.parentAllowed(items != null && items.lists() > 1);
        FeedExpression uniqueId = expressions.parse(at + ".uniqueId", spec.get("uniqueId"));
        if (uniqueId != null && uniqueId.type() != ValueType.TEXT) {
            add(at + ".uniqueId", "must be text (use concat to build it)");
        }
        FeedShape shape = shapes.shape(kind.recordClass(), spec.get("fields"), at + ".fields", kind.name());
        return items == null || where == null || uniqueId == null || shape == null ? null
                : new FeedRecordMapping(kind, items, where, uniqueId, shape);
    }

    private FeedPath requiredPath(FeedExpressionParser expressions, JsonNode release, String name) {
        String text = text(release, name, "release." + name);
        if (text == null) {
            add("release." + name, "is missing: the path of the release's " + name + ", e.g. " + name);
            return null;
        }
        return expressions.path("release." + name, text);
    }

    private JsonNode section(JsonNode root, String name, Set<String> known) {
        JsonNode node = root.get(name);
        if (node == null || !node.isObject()) {
            add(name, "is missing: a mapping with " + new TreeSet<>(known));
            return JsonNodeFactory.instance.objectNode();
        }
        unknownFields(node, known, name + ".");
        return node;
    }

}
