package io.github.appendlog.benchmarks.runner;

import io.github.appendlog.benchmarks.percall.Log4j2CallBenchmark;
import io.github.appendlog.benchmarks.percall.LogbackCallBenchmark;
import io.github.appendlog.benchmarks.percall.WorkAloneBenchmark;
import java.io.File;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the per-call JMH benchmarks (both frameworks, both regimes, both modes) at 1 and 2 threads,
 * one fork each, writing JMH's own report to {@code jmh-<threads>t.txt/.json} in the output
 * directory, and collects the figures.
 */
final class PerCallSuite {
    /** The forks' heap and collector, for every per-call JMH run. */
    static final String[] JVM_ARGS = {"-Xms2g", "-Xmx2g", "-XX:+UseG1GC"};

    private final File outputDirectory;
    private final boolean quick;
    private final String[] logbackVariants;
    private final String[] log4j2Variants;

    PerCallSuite(File outputDirectory, boolean quick, String[] logbackVariants, String[] log4j2Variants) {
        this.outputDirectory = outputDirectory;
        this.quick = quick;
        this.logbackVariants = logbackVariants;
        this.log4j2Variants = log4j2Variants;
    }

    PerCallResults run(int[] threadCounts) throws RunnerException {
        PerCallResults results = new PerCallResults();
        for (int threads : threadCounts) {
            results.addAll(runOnce(threads));
        }
        return results;
    }

    private List<PerCallResults.Figure> runOnce(int threads) throws RunnerException {
        List<PerCallResults.Figure> figures = new ArrayList<>();
        // Both classes name their parameter "appender", so each framework gets its own JMH run.
        figures.addAll(collect(new Runner(base(threads, "logback")
                .include(WorkAloneBenchmark.class.getName() + "\\.workAlone$")
                .include(LogbackCallBenchmark.class.getName() + "\\.(unsaturated|saturated)$")
                .param("appender", logbackVariants)
                .build()).run(), threads));
        figures.addAll(collect(new Runner(base(threads, "log4j2")
                .include(Log4j2CallBenchmark.class.getName() + "\\.(unsaturated|saturated)$")
                .param("appender", log4j2Variants)
                .build()).run(), threads));
        return figures;
    }

    private ChainedOptionsBuilder base(int threads, String framework) {
        String name = "jmh-" + framework + "-" + threads + "t";
        // Iterations come from each benchmark's annotations; a quick run cuts them all short.
        ChainedOptionsBuilder options = new OptionsBuilder();
        if (quick) {
            options.warmupIterations(1).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(1).measurementTime(TimeValue.seconds(1));
        }
        return options
                .threads(threads)
                .forks(1)
                .timeUnit(TimeUnit.NANOSECONDS)
                .jvmArgsAppend(JVM_ARGS)
                .output(new File(outputDirectory, name + ".txt").getPath())
                .result(new File(outputDirectory, name + ".json").getPath())
                .resultFormat(ResultFormatType.JSON)
                .shouldFailOnError(true);
    }

    private static List<PerCallResults.Figure> collect(Collection<RunResult> runs, int threads) {
        List<PerCallResults.Figure> figures = new ArrayList<>();
        for (RunResult run : runs) {
            figures.add(PerCallResults.Figure.of(run, threads));
        }
        return figures;
    }
}
