package com.receivableshub.mapping;

/**
 * One canonical record made from an item of a feed page. It is not validated yet: the caller runs
 * {@code ModelValidator} (an OCDS supplier id, for one, need not be a credit code).
 *
 * @param kind      which record
 * @param uniqueId  what identifies it across pages and polls, so that a record seen again is a duplicate
 * @param releaseId the release it came from
 * @param ocid      the contracting process of that release; null when the mapping names none
 * @param record    the {@code AwardNotice}, {@code Contract} or {@code ProcurementPayment}
 */
public record FeedMappedRecord(FeedRecordKind kind, String uniqueId, String releaseId, String ocid, Record record) {
}
