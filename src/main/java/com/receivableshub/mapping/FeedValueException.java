package com.receivableshub.mapping;

/** A value the feed has but the hub cannot take (bad date, amount, currency); the message is the reason. */
final class FeedValueException extends Exception {

    FeedValueException(String reason) {
        // no stack trace: thrown per bad value, and only the reason is ever shown
        super(reason, null, false, false);
    }
}
