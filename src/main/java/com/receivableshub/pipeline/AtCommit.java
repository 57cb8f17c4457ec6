package com.receivableshub.pipeline;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What a component gathers during a transaction and writes in one go just before it commits (the ledger's entries,
 * the outbox's rows): one piece of state per component and transaction, dropped when the transaction ends.
 */
final class AtCommit {

    private AtCommit() {
    }

    /**
     * The owner's state in the current transaction, made by {@code create} the first time; {@code write} is called
     * with it before the transaction commits.
     */
    static <T> T state(Object owner, Class<T> type, Supplier<T> create, Consumer<T> write) {
        T existing = current(owner, type);
        if (existing != null) {
            return existing;
        }
        T state = create.get();
        TransactionSynchronizationManager.bindResource(owner, state);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                write.accept(state);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(owner);
            }
        });
        return state;
    }

    /** The owner's state in the current transaction, or null when it has none. */
    static <T> T current(Object owner, Class<T> type) {
        Object state = TransactionSynchronizationManager.getResource(owner);
        return type.isInstance(state) ? type.cast(state) : null;
    }
}
