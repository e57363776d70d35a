package io.github.appendlog.benchmarks.runner;

import io.github.appendlog.benchmarks.LogLine;
import io.github.appendlog.benchmarks.Store;
import io.github.appendlog.benchmarks.log4j2.Log4j2Setup;
import io.github.appendlog.benchmarks.logback.LogbackSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * One fork of the saturated log call ({@link SaturatedCallSuite}): one thread logs the benchmark line
 * back to back through one variant ({@code logback-<variant>.xml} or {@code log4j2-<variant>.xml};
 * appendlog to the emulator on 127.0.0.1), warms up, then times every call with
 * {@link System#nanoTime} (one reading between two calls: each figure includes one reading, the
 * same for every variant) into a {@link CallHistogram}. Prints {@code calls}, {@code nanos} (the
 * wall time of the measured calls), {@code histogram} and {@code preempted}: how often the logging
 * thread lost its core while it could have run on (its involuntary context switches, from
 * {@code /proc/thread-self/status}; -1 where there is none).
 *
 * <p>Arguments: framework ({@code logback}, {@code log4j2}), variant, warm-up seconds, measured seconds.
 */
public final class SaturatedCallRunner {
    private SaturatedCallRunner() {
    }

    public static void main(String[] args) throws Exception {
        String framework = args[0];
        String variant = args[1];
        long warmupNanos = Long.parseLong(args[2]) * 1_000_000_000L;
        long measureNanos = Long.parseLong(args[3]) * 1_000_000_000L;
        try (AutoCloseable store = variant.equals("appendlog") ? Store.start() : () -> { }) {
            Runnable call;
            AutoCloseable setup;
            if (framework.equals("logback")) {
                LogbackSetup logback = LogbackSetup.configure(variant);
                setup = logback;
                org.slf4j.Logger logger = logback.logger();
                LogbackSetup.putMdc();
                call = () -> logger.info(LogLine.TEMPLATE, LogLine.ARGUMENT);
            } else {
                Log4j2Setup log4j2 = Log4j2Setup.configure(variant);
                setup = log4j2;
                Log4j2Setup.putMdc();
                org.apache.logging.log4j.Logger logger = log4j2.logger();
                call = () -> logger.info(LogLine.TEMPLATE, LogLine.ARGUMENT);
            }
            try (setup) {
                long end = System.nanoTime() + warmupNanos;
                while (System.nanoTime() < end) {
                    for (int i = 0; i < 1000; i++) {
                        call.run();
                    }
                }
                CallHistogram histogram = new CallHistogram();
                long preemptedBefore = involuntarySwitches();
                long begin = System.nanoTime();
                long last = begin;
                long stop = begin + measureNanos;
                long calls = 0;
                while (last < stop) {
                    call.run();
                    long now = System.nanoTime();
                    histogram.record(now - last);
                    last = now;
                    calls++;
                }
                RunnerOutput.print("calls", calls);
                RunnerOutput.print("nanos", last - begin);
                RunnerOutput.print("histogram", histogram.encode());
                long preemptedAfter = involuntarySwitches();
                RunnerOutput.print("preempted", preemptedBefore < 0 || preemptedAfter < 0 ? -1 : preemptedAfter - preemptedBefore);
            }
        }
    }

    /** The calling thread's involuntary context switches so far (Linux), or -1. */
    private static long involuntarySwitches() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/thread-self/status"))) {
                if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                    return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no such file
        }
        return -1;
    }
}
