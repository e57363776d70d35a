package io.github.appendlog.benchmarks.runner;

import io.github.appendlog.benchmarks.LogLine;
import io.github.appendlog.benchmarks.Store;
import io.github.appendlog.benchmarks.log4j2.Log4j2Setup;
import io.github.appendlog.benchmarks.logback.LogbackSetup;

/**
 * One fork of the saturated log call ({@link SaturatedCallSuite}): one thread logs the benchmark line
 * back to back through one variant ({@code logback-<variant>.xml} or {@code log4j2-<variant>.xml};
 * appendlog to the emulator on 127.0.0.1), warms up, then times every call with
 * {@link System#nanoTime} (one reading between two calls: each figure includes one reading, the
 * same for every variant) into a {@link CallHistogram}. Prints {@code calls}, {@code nanos} (the
 * wall time of the measured calls) and {@code histogram}.
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
            }
        }
    }
}
