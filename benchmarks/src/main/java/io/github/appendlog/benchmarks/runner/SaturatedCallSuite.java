package io.github.appendlog.benchmarks.runner;

import io.github.appendlog.benchmarks.percall.Log4j2CallBenchmark;
import io.github.appendlog.benchmarks.percall.LogbackCallBenchmark;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * The log call when the application logs faster than the appender can encode: the benchmarks'
 * {@code saturated} method (calls back to back, nothing between them), JMH SampleTime, 1 thread,
 * 2 forks, for appendlog (to the emulator on 127.0.0.1, its objects in a temporary directory on the
 * local disk) and the buffered file appender of each framework (Logback FileAppender and Log4j2
 * RandomAccessFile, no flush per event, to {@code /dev/null}, as in the per-call part). JMH's own
 * report goes to {@code jmh-saturated-<framework>.txt/.json}.
 *
 * <p>Each fork warms up 5×1 s and measures 10×1 s (about half a million samples per variant, so
 * p99.99 rests on about 50): with the JVM's start and the appender's stop about 20 s a fork, 8 forks,
 * under 3 minutes. Returns, in ns, {@code saturated.<framework>.<variant>.}
 * {@code avg, p50, p99, p999, p9999, max}, and {@code .samples}.
 */
final class SaturatedCallSuite {
    static final String[][] VARIANTS = {{"logback", "file", "appendlog"}, {"log4j2", "raf", "appendlog"}};

    private final File outputDirectory;
    private final boolean quick;

    SaturatedCallSuite(File outputDirectory, boolean quick) {
        this.outputDirectory = outputDirectory;
        this.quick = quick;
    }

    Map<String, String> run() throws RunnerException {
        Map<String, String> figures = new LinkedHashMap<>();
        for (String[] f : VARIANTS) {
            Class<?> benchmark = f[0].equals("logback") ? LogbackCallBenchmark.class : Log4j2CallBenchmark.class;
            String name = "jmh-saturated-" + f[0];
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .include(benchmark.getName() + "\\.saturated$")
                    .param("appender", f[1], f[2])
                    .mode(Mode.SampleTime)
                    .warmupIterations(quick ? 1 : 5).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(quick ? 2 : 10).measurementTime(TimeValue.seconds(1))
                    .threads(1)
                    .forks(2)
                    .timeUnit(TimeUnit.NANOSECONDS)
                    .jvmArgsAppend(PerCallSuite.JVM_ARGS)
                    .output(new File(outputDirectory, name + ".txt").getPath())
                    .result(new File(outputDirectory, name + ".json").getPath())
                    .resultFormat(ResultFormatType.JSON)
                    .shouldFailOnError(true);
            for (RunResult run : new Runner(options.build()).run()) {
                String key = "saturated." + f[0] + "." + run.getParams().getParam("appender") + ".";
                Statistics s = run.getPrimaryResult().getStatistics(); // every sample of both forks
                figures.put(key + "avg", Double.toString(s.getMean()));
                figures.put(key + "p50", Double.toString(s.getPercentile(50.0)));
                figures.put(key + "p99", Double.toString(s.getPercentile(99.0)));
                figures.put(key + "p999", Double.toString(s.getPercentile(99.9)));
                figures.put(key + "p9999", Double.toString(s.getPercentile(99.99)));
                figures.put(key + "max", Double.toString(s.getMax()));
                figures.put(key + "samples", Long.toString(s.getN()));
            }
        }
        return figures;
    }
}
