package io.github.appendlog.benchmarks.runner;

import java.util.Locale;

/** Number formatting for the report. */
final class Format {
    private Format() {
    }

    /** Nanoseconds as {@code 53 ns} or {@code 2.10 µs}. */
    static String nanos(double ns) {
        if (Double.isNaN(ns)) {
            return "n/a";
        }
        if (Math.abs(ns) < 1000) {
            return String.format(Locale.ROOT, "%.0f ns", ns);
        }
        if (Math.abs(ns) < 1_000_000) {
            return String.format(Locale.ROOT, "%.2f µs", ns / 1000);
        }
        return String.format(Locale.ROOT, "%.1f ms", ns / 1_000_000);
    }

    static String ratio(double r) {
        return Double.isNaN(r) || Double.isInfinite(r) ? "n/a" : String.format(Locale.ROOT, "%.2f×", r);
    }

    static String number(double v, int decimals) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String mib(double bytes) {
        return Double.isNaN(bytes) ? "n/a" : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    static String met(boolean met) {
        return met ? "**yes**" : "**no**";
    }
}
