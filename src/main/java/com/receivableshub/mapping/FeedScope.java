package com.receivableshub.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * Where the expressions of one item look: the page (release package), the release, the list element the item
 * is nested in (null when there is none), the item itself, and the values the adapter supplies.
 */
record FeedScope(JsonNode page, JsonNode release, JsonNode parent, JsonNode item, Map<String, String> adapter) {

    /** The scope of an element of a list inside the item: the item becomes its parent. */
    FeedScope enter(JsonNode element) {
        return new FeedScope(page, release, item, element, adapter);
    }
}
