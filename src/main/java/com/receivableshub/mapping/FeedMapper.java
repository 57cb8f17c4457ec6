package com.receivableshub.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.receivableshub.model.ModelJson;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps pages of one procurement system's feed (OCDS release packages, or what its {@link FeedMapping} describes)
 * to canonical records. A bad item becomes {@link FeedError}s and never stops the others; records are built with
 * the model's types but not validated: the caller runs {@code ModelValidator}. Thread-safe.
 *
 * <pre>{@code
 * FeedMapper mapper = new FeedMapper(FeedMapping.load(Path.of("mappings/ocds-1.1.yaml")),
 *         Map.of("code", "11350000003123400M", "region", "350000", "financeDepartmentCode", "11350000003123400M"));
 * FeedPage page = mapper.map(body);
 * }</pre>
 */
public final class FeedMapper {

    /** The hub's JSON reading: numbers as BigDecimal, so amounts are exact; duplicate keys refused. */
    private static final ObjectMapper JSON = ModelJson.newMapper();

    private final FeedMapping mapping;
    private final Map<String, String> adapter;

    /**
     * @param adapterValues the {@code ${adapter.name}} values of the procurement system, from its adapter file;
     *                      every one the mapping uses must be given, since a missing one would fail every item
     */
    public FeedMapper(FeedMapping mapping, Map<String, String> adapterValues) {
        Set<String> missing = new TreeSet<>(mapping.adapterValues());
        adapterValues.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                missing.remove(name);
            }
        });
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(mapping.source() + " needs the adapter values " + missing);
        }
        this.mapping = mapping;
        this.adapter = Map.copyOf(adapterValues);
    }

    /** Maps one page as its bytes; a page that is not JSON is one error of the page. */
    public FeedPage map(byte[] releasePackage) {
        JsonNode page;
        try {
            page = JSON.readTree(releasePackage);
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            return new FeedPage(List.of(), List.of(new FeedError(null, "", FeedError.WHOLE_ITEM,
                    "is not JSON: " + why)), null, null);
        }
        return map(page);
    }

    /**
     * Maps one page already read; read it with BigDecimal for floats (as {@link ModelJson} does), or an amount
     * such as 0.1 is taken by its shortest decimal text.
     */
    public FeedPage map(JsonNode releasePackage) {
        return new Run(releasePackage).page();
    }

    /** The state of mapping one page. */
    private final class Run {
        private final JsonNode page;
        private final List<FeedMappedRecord> records = new ArrayList<>();
        private final List<FeedError> errors = new ArrayList<>();
        private OffsetDateTime watermark;

        Run(JsonNode page) {
            this.page = page;
        }

        FeedPage page() {
            if (page == null || !page.isObject()) {
                errors.add(new FeedError(null, "", FeedError.WHOLE_ITEM, "is not a JSON object"));
                return new FeedPage(records, errors, null, null);
            }
            JsonNode link = mapping.next() == null ? null : mapping.next().resolve(page);
            // no link (or an empty one) is the last page
            String next = link == null || link.isValueNode() && link.asText().isBlank() ? null
                    : value(null, mapping.next().toString(), FeedError.WHOLE_ITEM, link);
            mapping.releases().forEach(page, new FeedPath.Visitor() {
                @Override
                public void element(JsonNode parent, JsonNode release, String path) {
                    release(release, path);
                }

                @Override
                public void notAList(String path) {
                    errors.add(new FeedError(null, path, FeedError.WHOLE_ITEM, "is not a list"));
                }

                @Override
                public void missing(String path) {
                    errors.add(new FeedError(null, path, FeedError.WHOLE_ITEM, "is missing: the page has no releases"));
                }
            });
            return new FeedPage(records, errors, next, watermark);
        }

        /** A release without id, ocid or a readable date is skipped whole: its records could not be traced. */
        private void release(JsonNode release, String path) {
            if (!release.isObject()) {
                errors.add(new FeedError(null, path, FeedError.WHOLE_ITEM, "is not an object"));
                return;
            }
            String id = value(null, path, mapping.releaseId().toString(), mapping.releaseId().resolve(release));
            if (id == null) {
                return;
            }
            int before = errors.size();
            String ocid = mapping.ocid() == null ? null
                    : value(id, "", mapping.ocid().toString(), mapping.ocid().resolve(release));
            String dateText = value(id, "", mapping.releaseDate().toString(), mapping.releaseDate().resolve(release));
            OffsetDateTime date = null;
            if (dateText != null) {
                try {
                    date = FeedValues.dateTime(dateText);
                } catch (FeedValueException e) {
                    errors.add(new FeedError(id, "", mapping.releaseDate().toString(), e.getMessage()));
                }
            }
            if (errors.size() > before) {
                return;
            }
            if (watermark == null || date.toInstant().isAfter(watermark.toInstant())) {
                watermark = date;
            }
            for (FeedRecordMapping records : mapping.records()) {
                records.items().forEach(release, new FeedPath.Visitor() {
                    @Override
                    public void element(JsonNode parent, JsonNode item, String itemPath) {
                        item(records, new FeedScope(page, release, parent, item, adapter), id, ocid, itemPath);
                    }

                    @Override
                    public void notAList(String listPath) {
                        errors.add(new FeedError(id, listPath, FeedError.WHOLE_ITEM, "is not a list"));
                    }
                });
            }
        }

        private void item(FeedRecordMapping records, FeedScope scope, String releaseId, String ocid, String itemPath) {
            if (!scope.item().isObject()) {
                errors.add(new FeedError(releaseId, itemPath, FeedError.WHOLE_ITEM, "is not an object"));
                return;
            }
            if (!records.where().test(scope.item())) {
                return;
            }
            List<FeedShape.Problem> problems = new ArrayList<>();
            String uniqueId = null;
            try {
                FeedValue found = records.uniqueId().evaluate(scope);
                if (found.present()) {
                    uniqueId = FeedValues.text(found.value(), records.uniqueId().describe());
                } else {
                    problems.add(new FeedShape.Problem("uniqueId", "is missing: " + found.missing()));
                }
            } catch (FeedValueException e) {
                problems.add(new FeedShape.Problem("uniqueId", e.getMessage()));
            }
            Record record = records.shape().build(scope, "", problems);
            if (problems.isEmpty()) {
                this.records.add(new FeedMappedRecord(records.kind(), uniqueId, releaseId, ocid, record));
            } else {
                problems.forEach(p -> errors.add(new FeedError(releaseId, itemPath, p.field(), p.reason())));
            }
        }

        /** A single value of the page or a release as text; null (and an error) when missing or not a value. */
        private String value(String releaseId, String path, String field, JsonNode node) {
            if (node == null || node.isValueNode() && node.asText().isBlank()) {
                errors.add(new FeedError(releaseId, path, field, "is missing"));
                return null;
            }
            if (!node.isValueNode()) {
                errors.add(new FeedError(releaseId, path, field, "is " + (node.isArray() ? "a list" : "an object")
                        + ", not a single value"));
                return null;
            }
            return node.asText().trim();
        }
    }
}
