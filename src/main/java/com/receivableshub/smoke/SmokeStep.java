package com.receivableshub.smoke;

/**
 * One step of the smoke run, named {@code <flow>.<step>}. The action returns a short detail for the report, or
 * throws to fail.
 */
public record SmokeStep(String name, Action action) {

    @FunctionalInterface
    public interface Action {
        String run() throws Exception;
    }
}
