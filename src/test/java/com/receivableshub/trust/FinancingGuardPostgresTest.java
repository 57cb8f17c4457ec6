package com.receivableshub.trust;

import com.receivableshub.support.TestDatabase;

class FinancingGuardPostgresTest extends FinancingGuardTest {

    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
