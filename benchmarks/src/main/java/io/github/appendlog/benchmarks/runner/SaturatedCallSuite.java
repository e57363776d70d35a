package io.github.appendlog.benchmarks.runner;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The log call when the application logs faster than the appender can encode: one thread logs back
 * to back, for appendlog (to the emulator on 127.0.0.1, its objects in a temporary directory on the
 * local disk) and the buffered file appender of each framework (Logback FileAppender and Log4j2
 * RandomAccessFile, no flush per event, to {@code /dev/null}, as in the per-call part). Every call
 * is timed ({@link SaturatedCallRunner}, a JVM per fork), after a 15 s warm-up (the appenders' and
 * the store's code needs 5-10 s to be compiled on 2 cores: calls were still 2-10x slower in JMH
 * warm-up iterations 3-5), for 10 s; forks alternate between the file appender and appendlog, 3
 * each, and their histograms are pooled.
 *
 * <p>Not JMH's SampleTime mode: JMH 1.37 keeps its sample count bounded by halving every bucket's
 * count, and a bucket holding one sample keeps it ({@code SampleBuffer.half()}), so a rare slow call
 * seen early in an iteration counts up to 2^k times after k halvings (about 8 per 1 s iteration at
 * millions of calls per second). Rare stalls then dominate the mean and the high percentiles: the
 * same appendlog run gave a SampleTime mean of 0.6-1.5 µs while its AverageTime was 0.2 µs and its
 * drop counter showed over 2 million calls a second.
 *
 * <p>Returns, in ns, {@code saturated.<framework>.<variant>.} {@code avg} (wall time of the measured
 * calls / calls), {@code p50, p99, p999, p9999, max}, and {@code .samples} (calls timed).
 */
final class SaturatedCallSuite {
    static final String[][] VARIANTS = {{"logback", "file", "appendlog"}, {"log4j2", "raf", "appendlog"}};
    static final String[] JVM_ARGS = {"-Xms2g", "-Xmx2g", "-XX:+UseG1GC"};

    private final File outputDirectory;
    private final boolean quick;

    SaturatedCallSuite(File outputDirectory, boolean quick) {
        this.outputDirectory = outputDirectory;
        this.quick = quick;
    }

    Map<String, String> run() throws IOException, InterruptedException {
        int forks = quick ? 1 : 3;
        String warmup = quick ? "3" : "15";
        String measure = quick ? "2" : "10";
        Map<String, String> figures = new LinkedHashMap<>();
        for (String[] f : VARIANTS) {
            Map<String, CallHistogram> pooled = new LinkedHashMap<>();
            Map<String, long[]> totals = new LinkedHashMap<>();
            for (int fork = 0; fork < forks; fork++) {
                for (int i = 1; i < f.length; i++) {
                    String variant = f[fork % 2 == 0 ? i : f.length - i]; // file, appendlog, appendlog, file, ...
                    Map<String, String> r = new ChildJvm(new File(outputDirectory, "saturated-" + f[0] + "-" + variant + "-" + fork))
                            .run(SaturatedCallRunner.class, List.of(JVM_ARGS), List.of(f[0], variant, warmup, measure),
                                    Duration.ofMinutes(5));
                    pooled.computeIfAbsent(variant, v -> new CallHistogram()).add(CallHistogram.decode(r.get("histogram")));
                    long[] t = totals.computeIfAbsent(variant, v -> new long[3]);
                    t[0] += Long.parseLong(r.get("calls"));
                    t[1] += Long.parseLong(r.get("nanos"));
                    long preempted = Long.parseLong(r.getOrDefault("preempted", "-1"));
                    t[2] = t[2] < 0 || preempted < 0 ? -1 : t[2] + preempted;
                }
            }
            for (Map.Entry<String, CallHistogram> e : pooled.entrySet()) {
                String key = "saturated." + f[0] + "." + e.getKey() + ".";
                CallHistogram h = e.getValue();
                long[] t = totals.get(e.getKey());
                figures.put(key + "avg", Double.toString((double) t[1] / t[0]));
                figures.put(key + "p50", Double.toString(h.quantile(0.50)));
                figures.put(key + "p99", Double.toString(h.quantile(0.99)));
                figures.put(key + "p999", Double.toString(h.quantile(0.999)));
                figures.put(key + "p9999", Double.toString(h.quantile(0.9999)));
                figures.put(key + "max", Double.toString(h.max()));
                figures.put(key + "samples", Long.toString(t[0]));
                figures.put(key + "preemptedPerSecond", t[2] < 0 ? "-1" : Double.toString(t[2] / (t[1] / 1e9)));
            }
        }
        return figures;
    }
}
