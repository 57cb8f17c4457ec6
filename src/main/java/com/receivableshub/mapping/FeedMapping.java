package com.receivableshub.mapping;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * How a procurement system's feed becomes canonical records, read from a YAML file in {@code mappings/}
 * ({@code ocds-1.1.yaml} for OCDS 1.1 release packages; see mappings/README.md). Checked completely at load,
 * so a wrong mapping fails before any page is read. Use it with a {@link FeedMapper}.
 */
public final class FeedMapping {

    private final String source;
    private final String currency;
    private final FeedPath releases;
    private final FeedPath next;
    private final FeedPath releaseId;
    private final FeedPath ocid;
    private final FeedPath releaseDate;
    private final List<FeedRecordMapping> records;
    private final Set<String> adapterValues;

    FeedMapping(String source, String currency, FeedPath releases, FeedPath next, FeedPath releaseId, FeedPath ocid,
            FeedPath releaseDate, List<FeedRecordMapping> records, Set<String> adapterValues) {
        this.source = source;
        this.currency = currency;
        this.releases = releases;
        this.next = next;
        this.releaseId = releaseId;
        this.ocid = ocid;
        this.releaseDate = releaseDate;
        this.records = List.copyOf(records);
        this.adapterValues = Set.copyOf(adapterValues);
    }

    /**
     * Reads and checks a mapping file, and the file it {@code extends} if any; a {@link FeedMappingException}
     * names the file and every wrong field.
     */
    public static FeedMapping load(Path file) {
        FeedMappingFile loaded = FeedMappingFile.read(file);
        return new FeedMappingParser(loaded.source()).parse(loaded.root());
    }

    /** The file the mapping came from (and the one it extends), for messages. */
    public String source() {
        return source;
    }

    /** The currency every amount must be in (CNY), or null when the mapping takes any (foreign samples only). */
    public String currency() {
        return currency;
    }

    /** The kinds of record the mapping makes, in its order. */
    public List<FeedRecordKind> recordKinds() {
        return records.stream().map(FeedRecordMapping::kind).toList();
    }

    /** The names of the {@code ${adapter.name}} values the mapping uses: the caller of {@link FeedMapper} gives them. */
    public Set<String> adapterValues() {
        return adapterValues;
    }

    FeedPath releases() {
        return releases;
    }

    /** Null when the feed has no paging. */
    FeedPath next() {
        return next;
    }

    FeedPath releaseId() {
        return releaseId;
    }

    /** Null when the mapping names no contracting process. */
    FeedPath ocid() {
        return ocid;
    }

    FeedPath releaseDate() {
        return releaseDate;
    }

    List<FeedRecordMapping> records() {
        return records;
    }

    @Override
    public String toString() {
        return source + " (" + recordKinds() + ", " + (currency == null ? "any currency" : currency) + ")";
    }
}
