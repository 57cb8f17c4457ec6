package com.receivableshub.foundation;

/** The foundation on the default embedded H2 database. */
class FoundationFlowH2Test extends FoundationFlowTest {
}
