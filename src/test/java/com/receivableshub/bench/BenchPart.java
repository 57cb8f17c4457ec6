package com.receivableshub.bench;

/** One measured part of the benchmark: it prints its figures and ratios on the report. */
public interface BenchPart {

    /** Short name, used by {@code bench/run --only <name>}. */
    String name();

    void run(BenchOptions options, BenchReport report) throws Exception;
}
