package com.receivableshub.mapping;

/**
 * How one kind of canonical record comes from each release: its items (e.g. {@code awards[]}), which of them
 * ({@code where}), the value that identifies a record across pages and polls, and its fields.
 */
record FeedRecordMapping(FeedRecordKind kind, FeedPath items, FeedWhere where, FeedExpression uniqueId,
                         FeedShape shape) {
}
