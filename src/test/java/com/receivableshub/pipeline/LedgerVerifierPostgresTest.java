package com.receivableshub.pipeline;

import com.receivableshub.support.TestDatabase;

class LedgerVerifierPostgresTest extends LedgerVerifierTest {

    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
