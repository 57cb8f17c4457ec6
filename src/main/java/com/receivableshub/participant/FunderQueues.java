package com.receivableshub.participant;

/** Names on the hub's broker. */
public final class FunderQueues {

    /** Where every participant sends its messages to the hub. */
    public static final String INBOUND = "hub.inbound";
    /** Where the broker puts what could not be delivered. */
    public static final String DEAD_LETTER = "hub.dlq";
    /** Where the broker puts what expired. */
    public static final String EXPIRY = "hub.expired";

    private static final String PREFIX = "funder.";

    private FunderQueues() {
    }

    public static String queueOf(String funderCode) {
        return PREFIX + funderCode;
    }
}
