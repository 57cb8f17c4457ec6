package com.receivableshub.pipeline;

import com.receivableshub.support.TestDatabase;

/** {@link OutboxDueTest} on PostgreSQL, where the bodies come back in binary once the statement is prepared. */
class OutboxDuePostgresTest extends OutboxDueTest {

    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
