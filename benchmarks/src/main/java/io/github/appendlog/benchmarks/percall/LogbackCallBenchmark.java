package io.github.appendlog.benchmarks.percall;

import io.github.appendlog.benchmarks.LogLine;
import io.github.appendlog.benchmarks.logback.LogbackSetup;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.slf4j.Logger;

/**
 * Cost of one SLF4J/Logback log call, per appender variant ({@code logback-<variant>.xml}):
 * {@code unsaturated} does ~7.5 µs of application work before each call (the regime users feel),
 * {@code saturated} logs back to back.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LogbackCallBenchmark {

    @Param({"noop", "file", "async", "loki4j", "appendlog"})
    public String appender;

    private Sinks sinks;
    private LogbackSetup setup;
    private Logger logger;

    @Setup(Level.Trial)
    public void start() throws Exception {
        sinks = Sinks.startFor(appender);
        setup = LogbackSetup.configure(appender);
        logger = setup.logger();
    }

    @TearDown(Level.Trial)
    public void stop() {
        setup.close();
        sinks.close();
    }

    /** MDC is per thread: each benchmark thread puts its own entries. */
    @State(Scope.Thread)
    public static class Mdc {
        @Setup(Level.Trial)
        public void put() {
            LogbackSetup.putMdc();
        }
    }

    @Benchmark
    public void unsaturated(Mdc mdc) {
        Blackhole.consumeCPU(LogLine.WORK_TOKENS);
        logger.info(LogLine.TEMPLATE, LogLine.ARGUMENT);
    }

    @Benchmark
    public void saturated(Mdc mdc) {
        logger.info(LogLine.TEMPLATE, LogLine.ARGUMENT);
    }
}
