package com.receivableshub.mapping;

/** A cell that cannot be read as its field's type; the message is the reason given to the ERP. */
final class ValueException extends Exception {

    ValueException(String reason) {
        // no stack trace: thrown per bad cell, and only the reason is ever shown
        super(reason, null, false, false);
    }
}
