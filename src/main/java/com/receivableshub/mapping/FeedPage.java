package com.receivableshub.mapping;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What one page of a procurement system's feed (one release package) gave.
 *
 * @param records   the records made, in the order of the releases, then of the mapping's record kinds, then of
 *                  the items
 * @param errors    every item that gave no record, and every release or page value that could not be read
 * @param next      the link to the next page, or null on the last page
 * @param watermark the latest date of the page's releases (null when it has none): where the next poll may start.
 *                  A release whose items have errors counts too (they are reported, not read again); a release
 *                  skipped for want of an id or a readable date does not
 */
public record FeedPage(List<FeedMappedRecord> records, List<FeedError> errors, String next,
                       OffsetDateTime watermark) {

    public FeedPage {
        records = List.copyOf(records);
        errors = List.copyOf(errors);
    }
}
