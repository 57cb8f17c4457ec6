package com.receivableshub.model;

/** A record about one receivable; the key is what the double-financing guard and visibility rules look up. */
public interface KeyedByReceivable {

    ReceivableKey key();
}
