package com.receivableshub.pipeline;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One ledger row. {@code entryHash} covers every other field and the previous entry's hash, so a changed, removed
 * or reordered row breaks the chain from there on.
 */
public record LedgerEntry(
        long seq,
        OffsetDateTime recordedAt,
        Direction direction,
        String messageId,
        String type,
        String sender,
        List<String> receivers,
        String bodyHash,
        String signature,
        String prevHash,
        String entryHash) {

    public enum Direction { IN, OUT }

    /** The hash of an entry's content: the fields joined with a separator that cannot occur in them. */
    public static String hashOf(long seq, OffsetDateTime recordedAt, Direction direction, String messageId, String type,
                                String sender, List<String> receivers, String bodyHash, String signature,
                                String prevHash) {
        String text = String.join("\u001f", Long.toString(seq), canonicalTime(recordedAt), direction.name(), messageId,
                type, sender, String.join(",", receivers), bodyHash, signature == null ? "" : signature, prevHash);
        return Hashes.sm3(text);
    }

    /** Times are hashed in UTC at microsecond precision, what both H2 and PostgreSQL keep. */
    public static OffsetDateTime canonical(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static String canonicalTime(OffsetDateTime time) {
        return canonical(time).toString();
    }
}
