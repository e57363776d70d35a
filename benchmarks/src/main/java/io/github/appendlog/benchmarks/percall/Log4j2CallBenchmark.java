package io.github.appendlog.benchmarks.percall;

import io.github.appendlog.benchmarks.LogLine;
import io.github.appendlog.benchmarks.log4j2.Log4j2Setup;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Logger;
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

/** Cost of one Log4j2 log call, per appender variant ({@code log4j2-<variant>.xml}); see {@link LogbackCallBenchmark}. */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Log4j2CallBenchmark {

    @Param({"null", "raf", "async", "appendlog"})
    public String appender;

    private Sinks sinks;
    private Log4j2Setup setup;
    private Logger logger;

    @Setup(Level.Trial)
    public void start() throws Exception {
        sinks = Sinks.startFor(appender);
        setup = Log4j2Setup.configure(appender);
        logger = setup.logger();
    }

    @TearDown(Level.Trial)
    public void stop() {
        setup.close();
        sinks.close();
    }

    /** ThreadContext is per thread: each benchmark thread puts its own entries. */
    @State(Scope.Thread)
    public static class Mdc {
        @Setup(Level.Trial)
        public void put() {
            Log4j2Setup.putMdc();
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
