package com.receivableshub.support;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts hostile inputs by family: each one tried, and each one the hub took (its check failed). Printed as
 * {@code HOSTILE <family> tried=N accepted=M} lines and a {@code HOSTILE TOTAL} line, the figures of RELIABILITY.md.
 */
public final class HostileTally {

    /** A check that the hub refused an input and changed nothing; it throws AssertionError when it did not. */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    private final Map<String, int[]> families = new TreeMap<>();

    /** Runs one hostile input's check, counting it as tried, and as accepted when the check fails. */
    public synchronized void attempt(String family, Check check) throws Exception {
        int[] counts = families.computeIfAbsent(family, f -> new int[2]);
        counts[0]++;
        try {
            check.run();
        } catch (AssertionError | Exception e) {
            counts[1]++;
            throw e;
        }
    }

    public synchronized int tried() {
        return families.values().stream().mapToInt(c -> c[0]).sum();
    }

    public synchronized int accepted() {
        return families.values().stream().mapToInt(c -> c[1]).sum();
    }

    public synchronized String report() {
        StringBuilder out = new StringBuilder();
        families.forEach((family, c) -> out.append("HOSTILE ").append(family).append(" tried=").append(c[0])
                .append(" accepted=").append(c[1]).append('\n'));
        out.append("HOSTILE TOTAL tried=").append(tried()).append(" accepted=").append(accepted());
        return out.toString();
    }
}
