package io.github.appendlog.benchmarks.runner;

import io.github.appendlog.benchmarks.BenchProperties;
import io.github.appendlog.benchmarks.LogLine;
import io.github.appendlog.benchmarks.Store;
import io.github.appendlog.benchmarks.logback.LogbackSetup;
import io.github.appendlog.emulator.Operation;
import java.time.Duration;
import java.util.Arrays;
import org.openjdk.jmh.infra.Blackhole;
import org.slf4j.Logger;

/**
 * Outage latency: one thread logs through appendlog's Logback appender with ~7.5 µs of work between
 * calls, and times every call, in three phases: the store healthy, slow (every append answered after
 * 2 s, through the emulator's fault injection), and down (the server stopped). Each phase starts on a
 * fresh store and appender, warms up healthy, then measures.
 *
 * <p>Args: {@code [seconds per phase]}.
 */
public final class OutageLatencyRunner {
    private static final String[] PHASES = {"healthy", "slow", "down"};

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        System.setProperty(BenchProperties.SHUTDOWN_TIMEOUT, "2 seconds");
        LogbackSetup.putMdc();
        for (String phase : PHASES) {
            try (Store store = Store.start()) {
                System.setProperty(BenchProperties.OBJECT_KEY, "outage/" + phase + "-%i.log");
                LogbackSetup setup = LogbackSetup.configure("appendlog");
                Logger logger = setup.logger();
                loop(logger, 2.0, null); // warm-up, store healthy
                if (phase.equals("slow")) {
                    store.emulator().faults().delay(Operation.APPEND, Duration.ofSeconds(2));
                } else if (phase.equals("down")) {
                    store.stopServer();
                }
                long[] latencies = new long[(int) (seconds * 200_000)];
                int n = loop(logger, seconds, latencies);
                long[] sorted = Arrays.copyOf(latencies, n);
                Arrays.sort(sorted);
                RunnerOutput.print(phase + ".calls", n);
                RunnerOutput.print(phase + ".p50", percentile(sorted, 50));
                RunnerOutput.print(phase + ".p99", percentile(sorted, 99));
                RunnerOutput.print(phase + ".p999", percentile(sorted, 99.9));
                RunnerOutput.print(phase + ".max", sorted[n - 1]);
                store.emulator().faults().clear();
                setup.close();
            }
        }
    }

    /** Logs with work between calls for {@code seconds}; records each call's nanoseconds if asked. */
    private static int loop(Logger logger, double seconds, long[] latencies) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int n = 0;
        while (System.nanoTime() < end && (latencies == null || n < latencies.length)) {
            Blackhole.consumeCPU(LogLine.WORK_TOKENS);
            long t0 = System.nanoTime();
            logger.info(LogLine.TEMPLATE, LogLine.ARGUMENT);
            long t1 = System.nanoTime();
            if (latencies != null) {
                latencies[n] = t1 - t0;
            }
            n++;
        }
        return n;
    }

    private static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
