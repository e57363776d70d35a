package io.github.appendlog.benchmarks.percall;

import io.github.appendlog.benchmarks.LogLine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.infra.Blackhole;

/** The application work of the unsaturated regime, alone: subtracted to get a log call's added cost. */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WorkAloneBenchmark {

    @Benchmark
    public void workAlone() {
        Blackhole.consumeCPU(LogLine.WORK_TOKENS);
    }
}
