package com.receivableshub.mapping;

/**
 * Why an item of a feed page gave no record (or why a release or the page could not be read).
 *
 * @param releaseId the release the item is in; null for a problem of the page itself, or of a release
 *                  without an id
 * @param itemPath  where the item is inside its release, e.g. {@code contracts[0].implementation.transactions[1]};
 *                  {@code ""} for the release itself; inside the page (e.g. {@code releases[3]}) when
 *                  {@code releaseId} is null
 * @param field     the canonical field, e.g. {@code amount} or {@code paymentPlan[0].dueDate}, or {@code uniqueId};
 *                  for a release, the mapping's path of its value ({@code id}, {@code date}); {@link #WHOLE_ITEM}
 *                  when the item, release or page value at {@code itemPath} is wrong as a whole
 * @param reason    what is wrong, quoting the value where there is one
 */
public record FeedError(String releaseId, String itemPath, String field, String reason) {

    /** The field of errors about the whole item, release or page. */
    public static final String WHOLE_ITEM = "";
}
