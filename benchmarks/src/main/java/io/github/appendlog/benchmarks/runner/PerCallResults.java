package io.github.appendlog.benchmarks.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/** The per-call figures of one run, looked up by framework, variant, regime, threads and mode. */
final class PerCallResults {
    static final String WORK_ALONE = "work alone";

    /**
     * One JMH result. {@code framework} is "logback", "log4j2" or "work"; {@code regime} is
     * "unsaturated" or "saturated" ("unsaturated" for the work alone); times in ns.
     */
    static final class Figure {
        final String framework;
        final String variant;
        final String regime;
        final int threads;
        final Mode mode;
        final double meanNs;
        final double p99Ns;
        final double p999Ns;

        Figure(String framework, String variant, String regime, int threads, Mode mode, double meanNs, double p99Ns,
                double p999Ns) {
            this.framework = framework;
            this.variant = variant;
            this.regime = regime;
            this.threads = threads;
            this.mode = mode;
            this.meanNs = meanNs;
            this.p99Ns = p99Ns;
            this.p999Ns = p999Ns;
        }

        static Figure of(RunResult run, int threads) {
            String benchmark = run.getParams().getBenchmark();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String framework = benchmark.contains("Logback") ? "logback" : benchmark.contains("Log4j2") ? "log4j2" : "work";
            String variant = framework.equals("work") ? WORK_ALONE : run.getParams().getParam("appender");
            String regime = method.equals("saturated") ? "saturated" : "unsaturated";
            Result<?> primary = run.getPrimaryResult();
            Mode mode = run.getParams().getMode();
            double p99 = Double.NaN;
            double p999 = Double.NaN;
            if (mode == Mode.SampleTime) {
                p99 = primary.getStatistics().getPercentile(99.0);
                p999 = primary.getStatistics().getPercentile(99.9);
            }
            return new Figure(framework, variant, regime, threads, mode, primary.getScore(), p99, p999);
        }
    }

    private final List<Figure> figures = new ArrayList<>();

    void addAll(List<Figure> more) {
        figures.addAll(more);
    }

    Optional<Figure> find(String framework, String variant, String regime, int threads, Mode mode) {
        return figures.stream()
                .filter(f -> f.framework.equals(framework) && f.variant.equals(variant) && f.regime.equals(regime)
                        && f.threads == threads && f.mode == mode)
                .findFirst();
    }

    /** Average time per call, ns. */
    double average(String framework, String variant, String regime, int threads) {
        return find(framework, variant, regime, threads, Mode.AverageTime).map(f -> f.meanNs).orElse(Double.NaN);
    }

    /** Average time of the work alone, ns. */
    double workAlone(int threads) {
        return average("work", WORK_ALONE, "unsaturated", threads);
    }

    /** Unsaturated average time minus the work alone's: what the log call adds, ns. */
    double addedCost(String framework, String variant, int threads) {
        return average(framework, variant, "unsaturated", threads) - workAlone(threads);
    }

    double percentile(String framework, String variant, String regime, int threads, double percentile) {
        Optional<Figure> f = find(framework, variant, regime, threads, Mode.SampleTime);
        if (f.isEmpty()) {
            return Double.NaN;
        }
        return percentile >= 99.9 ? f.get().p999Ns : f.get().p99Ns;
    }
}
