package io.github.appendlog.benchmarks.percall;

import io.github.appendlog.benchmarks.LogLine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** The application work of the unsaturated regime, alone: subtracted to get a log call's added cost. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WorkAloneBenchmark {

    /** Same iterations as the unsaturated log calls it is subtracted from. */
    @Warmup(iterations = 6, time = 1)
    @Measurement(iterations = 4, time = 1)
    @Benchmark
    public void workAlone() {
        Blackhole.consumeCPU(LogLine.WORK_TOKENS);
    }
}
