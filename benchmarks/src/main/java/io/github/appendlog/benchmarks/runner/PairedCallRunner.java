package io.github.appendlog.benchmarks.runner;

import io.github.appendlog.benchmarks.LogLine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The unsaturated per-call cost measured in paired, interleaved slices, for a shared and noisy
 * machine: every variant of one framework is configured side by side in one JVM (a logger context
 * each), and the runner cycles through them in rounds, in a shuffled order, timing a short slice of
 * "work, then one log call" per variant, plus a slice of the work alone. A variant's added cost in a
 * round is its time per call minus the work alone's in that same round, so a slow spell of the
 * machine (another guest, frequency changes) lands on every variant alike instead of on whichever
 * was running at the time. Reported: the median over the rounds, and the 25th/75th percentiles; and,
 * against every other variant, the median of appendlog's cost minus that variant's in the same round,
 * with a distribution-free 95% confidence interval for it (order statistics around the median), which
 * the work alone's own noise does not enter: an interval below zero says appendlog cost less. The
 * logging thread's CPU time is taken per slice too, and reported the same way ({@code .cpu}): what
 * the call costs the calling thread, whatever the machine's other guests do to wall time.
 * {@code appendlog-journal} (the journal on, {@code journalSync=INTERVAL}) is compared with
 * {@code appendlog} (off) the same way: on minus off, same round.
 *
 * <p>Args: {@code logback|log4j2 [rounds] [slice millis] [variant,...]}. Prints
 * {@code RESULT paired.<framework>.<variant>.{p25,median,p75}=<ns>},
 * {@code RESULT paired.<framework>.appendlog-minus-<variant>.{median,ci95lo,ci95hi}=<ns>},
 * {@code RESULT paired.<framework>.journal-minus-off.{median,ci95lo,ci95hi}=<ns>}, and the
 * same keys with {@code .cpu} after the variant for the logging thread's CPU time.
 */
public final class PairedCallRunner {
    private static final String WORK = "work";
    private static final String OURS = "appendlog";
    private static final String JOURNAL = "appendlog-journal";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        String framework = args.length > 0 ? args[0] : "logback";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int sliceMillis = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        String[] variants = args.length > 3 ? args[3].split(",")
                : framework.equals("logback") ? new String[] {"noop", "file", "async", "appendlog", JOURNAL}
                        : new String[] {"null", "raf", "async", "appendlog", JOURNAL};
        Map<String, Double> medians = run(framework, variants, rounds, sliceMillis);
        medians.forEach((variant, median) -> System.out.printf("%-10s %8.0f ns%n", variant, median));
    }

    /** Runs the rounds; prints RESULT lines and returns the median added cost per variant. */
    static Map<String, Double> run(String framework, String[] variants, int rounds, int sliceMillis) throws Exception {
        try (SideBySideLoggers loggers = SideBySideLoggers.start(framework, variants)) {
            List<String> order = new ArrayList<>(Arrays.asList(variants));
            order.add(WORK);
            Map<String, double[]> added = new LinkedHashMap<>();
            Map<String, double[]> addedCpu = new LinkedHashMap<>();
            for (String v : variants) {
                added.put(v, new double[rounds]);
                addedCpu.put(v, new double[rounds]);
            }
            long callsPerSlice = calibrate(sliceMillis);
            Random random = new Random(1);
            int warmupRounds = Math.max(5, rounds / 4);
            for (int round = -warmupRounds; round < rounds; round++) {
                Collections.shuffle(order, random);
                Map<String, double[]> perCall = new LinkedHashMap<>();
                for (String v : order) {
                    Runnable call = v.equals(WORK) ? () -> { } : loggers.call(v);
                    perCall.put(v, slice(call, callsPerSlice));
                }
                if (round >= 0) {
                    for (String v : variants) {
                        added.get(v)[round] = perCall.get(v)[0] - perCall.get(WORK)[0];
                        addedCpu.get(v)[round] = perCall.get(v)[1] - perCall.get(WORK)[1];
                    }
                }
            }
            report(framework, ".cpu", variants, addedCpu);
            return report(framework, "", variants, added);
        }
    }

    /**
     * Prints the RESULT lines of one measure (wall time; CPU time with {@code suffix} ".cpu"), the
     * differences first (the quantiles sort the arrays); returns the medians.
     */
    private static Map<String, Double> report(String framework, String suffix, String[] variants, Map<String, double[]> added) {
        double[] ours = added.get(OURS);
        for (String v : variants) {
            if (ours != null && !v.equals(OURS) && !v.equals(JOURNAL)) {
                printDifference("paired." + framework + "." + OURS + "-minus-" + v + suffix, ours, added.get(v));
            }
        }
        double[] journal = added.get(JOURNAL);
        if (ours != null && journal != null) {
            printDifference("paired." + framework + ".journal-minus-off" + suffix, journal, ours);
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        for (String v : variants) {
            double[] a = added.get(v);
            Arrays.sort(a);
            double median = percentile(a, 50);
            medians.put(v, median);
            String key = "paired." + framework + "." + v + suffix;
            RunnerOutput.print(key + ".p25", percentile(a, 25));
            RunnerOutput.print(key + ".median", median);
            RunnerOutput.print(key + ".p75", percentile(a, 75));
        }
        return medians;
    }

    /** appendlog's added cost minus another's, round by round: median and 95% interval. */
    private static void printDifference(String key, double[] ours, double[] theirs) {
        double[] d = new double[ours.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = ours[i] - theirs[i];
        }
        Arrays.sort(d);
        int n = d.length;
        int spread = (int) Math.ceil(0.98 * Math.sqrt(n)); // 1.96 * sqrt(n) / 2: ranks of a Binomial(n, 1/2)
        int low = Math.max(0, n / 2 - spread);
        int high = Math.min(n - 1, (n - 1) / 2 + spread + 1);
        RunnerOutput.print(key + ".median", percentile(d, 50));
        RunnerOutput.print(key + ".ci95lo", d[low]);
        RunnerOutput.print(key + ".ci95hi", d[high]);
    }

    /** How many "work + call" iterations take about {@code sliceMillis} (from the work alone). */
    private static long calibrate(int sliceMillis) {
        slice(() -> { }, 20_000);
        double perCall = slice(() -> { }, 20_000)[0];
        return Math.max(1000, (long) (sliceMillis * 1_000_000L / perCall));
    }

    /** Nanoseconds per iteration of work then {@code call}: wall time, and the thread's CPU time. */
    private static double[] slice(Runnable call, long iterations) {
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (long i = 0; i < iterations; i++) {
            Blackhole.consumeCPU(LogLine.WORK_TOKENS);
            call.run();
        }
        long wall = System.nanoTime() - start;
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
        return new double[] {(double) wall / iterations, (double) cpu / iterations};
    }

    private static double percentile(double[] sorted, int p) {
        double rank = (sorted.length - 1) * p / 100.0;
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
