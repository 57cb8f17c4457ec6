package com.receivableshub.trust;

import com.receivableshub.support.TestDatabase;

class FinancingGuardH2Test extends FinancingGuardTest {

    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
