package com.receivableshub.pipeline;

import com.receivableshub.support.TestDatabase;

class LedgerVerifierH2Test extends LedgerVerifierTest {

    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
