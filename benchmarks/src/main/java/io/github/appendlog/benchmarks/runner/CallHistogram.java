package io.github.appendlog.benchmarks.runner;

import java.util.StringJoiner;

/**
 * Call times in nanoseconds, every one counted (no sampling, no reweighting): 8 ns buckets below
 * 1,024 ns, then 64 buckets per power of two (at most 1.6% wide), up to about 17 s. Histograms of
 * several forks add up ({@link #add}).
 */
final class CallHistogram {
    private static final int LINEAR = 128;
    private static final int PER_OCTAVE = 64;
    private static final int BUCKETS = LINEAR + (64 - 10) * PER_OCTAVE;

    private final long[] counts = new long[BUCKETS];

    void record(long nanos) {
        counts[bucket(Math.max(0, nanos))]++;
    }

    void add(CallHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
    }

    long count() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    /** The value at quantile {@code q} (0..1): the middle of the bucket where it falls. */
    double quantile(double q) {
        long n = count();
        long rank = Math.max(1, (long) Math.ceil(q * n));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return (lower(i) + lower(i + 1)) / 2.0;
            }
        }
        return Double.NaN;
    }

    /** The largest call time seen (its bucket's upper end). */
    double max() {
        for (int i = BUCKETS - 1; i >= 0; i--) {
            if (counts[i] > 0) {
                return lower(i + 1);
            }
        }
        return Double.NaN;
    }

    /** {@code bucket:count} pairs of the non-empty buckets, comma-separated. */
    String encode() {
        StringJoiner out = new StringJoiner(",");
        for (int i = 0; i < BUCKETS; i++) {
            if (counts[i] > 0) {
                out.add(i + ":" + counts[i]);
            }
        }
        return out.toString();
    }

    static CallHistogram decode(String text) {
        CallHistogram h = new CallHistogram();
        if (!text.isEmpty()) {
            for (String pair : text.split(",")) {
                int colon = pair.indexOf(':');
                h.counts[Integer.parseInt(pair.substring(0, colon))] += Long.parseLong(pair.substring(colon + 1));
            }
        }
        return h;
    }

    static int bucket(long nanos) {
        if (nanos < LINEAR * 8) {
            return (int) (nanos >> 3);
        }
        int power = 63 - Long.numberOfLeadingZeros(nanos);
        int sub = (int) ((nanos >> (power - 6)) & (PER_OCTAVE - 1));
        return Math.min(BUCKETS - 1, LINEAR + (power - 10) * PER_OCTAVE + sub);
    }

    static long lower(int bucket) {
        if (bucket < LINEAR) {
            return (long) bucket << 3;
        }
        int power = (bucket - LINEAR) / PER_OCTAVE + 10;
        int sub = (bucket - LINEAR) % PER_OCTAVE;
        return (1L << power) + ((long) sub << (power - 6));
    }
}
