package com.receivableshub.bench;

import java.io.PrintStream;
import java.util.Locale;

/** Prints the figures: {@code BENCH <name> <value> <unit>} and {@code RATIO <name> <value> target <t> PASS|MISS}. */
public final class BenchReport {

    private final PrintStream out;
    private int missed;

    public BenchReport(PrintStream out) {
        this.out = out;
    }

    public void figure(String name, double value, String unit) {
        out.println(String.format(Locale.ROOT, "BENCH %s %s %s", name, format(value), unit));
        out.flush();
    }

    /** A comparison where higher is better: hub / limit against the minimum it should reach. */
    public void ratio(String name, double hub, double limit, double atLeast) {
        double r = limit == 0 ? 0 : hub / limit;
        boolean pass = r >= atLeast;
        if (!pass) {
            missed++;
        }
        out.println(String.format(Locale.ROOT, "RATIO %s %.3f target>=%.2f %s", name, r, atLeast, pass ? "PASS" : "MISS"));
        out.flush();
    }

    /** A figure with a ceiling (seconds, milliseconds): checked and printed as a target line. */
    public void atMost(String name, double value, double max, String unit) {
        boolean pass = value <= max;
        if (!pass) {
            missed++;
        }
        out.println(String.format(Locale.ROOT, "TARGET %s %s %s <=%s %s", name, format(value), unit, format(max),
                pass ? "PASS" : "MISS"));
        out.flush();
    }

    public int missed() {
        return missed;
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
