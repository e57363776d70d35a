package io.github.appendlog.benchmarks.runner;

import ch.qos.logback.classic.Logger;
import io.github.appendlog.benchmarks.BenchProperties;
import io.github.appendlog.benchmarks.Store;
import io.github.appendlog.benchmarks.logback.LogbackSetup;
import io.github.appendlog.logback.AppendObjectAppender;
import io.github.appendlog.status.PipelineStats;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * End-to-end throughput with the journal against without, in one JVM: N lines from 2 threads
 * through appendlog's Logback appender into the emulator, each run timed until the appender's stop
 * returns with every byte acknowledged (as {@link ThroughputRunner}), five runs each in the order
 * off, on, on, off, off, on, on, off, off, on (a drift of the machine lands on both alike; the report
 * takes each one's median run, so one slow spell does not decide), then one run with
 * {@code journalSync=ALWAYS} and one with {@code NONE} (no forces: what the journal's copies cost
 * alone) for information. Journal on means {@code journalSync=INTERVAL} (the
 * default), in a fresh temporary directory per run; both warmed up first ({@link #WARMUP_ROUNDS}). The emulator keeps its
 * objects in memory (each run's deleted once counted): the journal's are then the only bytes written
 * to the local disk, as with a remote store (an emulator writing its objects to the same disk
 * doubles the writes with the journal on, and the two contend).
 *
 * <p>Args: {@code [lines] [threads]}. Prints {@code RESULT run.<i>.<figure>=...} per run (see
 * {@link RunnerOutput}), {@code runs}, {@code lines} and {@code threads}.
 */
public final class JournalThroughputRunner {
    private static final String PREFIX = "journal-throughput/";
    /** The timed runs, in order: "off", or the journalSync of a run with the journal on. */
    static final String[] RUNS = {"off", "INTERVAL", "INTERVAL", "off", "off", "INTERVAL", "INTERVAL", "off", "off",
        "INTERVAL", "ALWAYS", "NONE"};

    /**
     * Untimed rounds of one full-size run each way first. Two cores also compile: with one round of
     * half the size, the first timed runs (both ways) were still up to 2x slower than the later ones.
     */
    static final int WARMUP_ROUNDS = 2;

    public static void main(String[] args) throws Exception {
        long lines = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path journals = Files.createTempDirectory("appendlog-bench-journal-throughput");
        try (Store store = Store.startInMemory()) {
            for (int i = 0; i < WARMUP_ROUNDS; i++) {
                run(journals, "off", PREFIX + "warmup-off-" + i + "/", lines, threads);
                run(journals, "INTERVAL", PREFIX + "warmup-on-" + i + "/", lines, threads);
                store.deleteObjects(PREFIX);
            }
            for (int i = 0; i < RUNS.length; i++) {
                String prefix = PREFIX + "timed-" + i + "/";
                long appends0 = store.appends();
                long cpu0 = ThroughputRunner.processCpuNanos();
                long gc0 = ThroughputRunner.gcMillis();
                RunFigures run = run(journals, RUNS[i], prefix, lines, threads);
                String key = "run." + i + ".";
                RunnerOutput.print(key + "mode", RUNS[i]);
                RunnerOutput.print(key + "nanos", run.nanos);
                RunnerOutput.print(key + "loggedNanos", run.loggedNanos);
                RunnerOutput.print(key + "cpuNanos", ThroughputRunner.processCpuNanos() - cpu0);
                RunnerOutput.print(key + "cpuNanos.writers", run.writersCpu);
                RunnerOutput.print(key + "gcMillis", ThroughputRunner.gcMillis() - gc0);
                RunnerOutput.print(key + "appends", store.appends() - appends0);
                RunnerOutput.print(key + "journalledEvents", run.stats.journalledEvents());
                RunnerOutput.print(key + "droppedOrLost", run.stats.droppedBufferFull() + run.stats.droppedBelowWarn()
                        + run.stats.droppedJournalFull() + run.stats.journalLost());
                long[] landed = store.bytesAndLines(prefix);
                store.deleteObjects(prefix);
                RunnerOutput.print(key + "bytes", landed[0]);
                RunnerOutput.print(key + "lines", landed[1]);
            }
            RunnerOutput.print("runs", RUNS.length);
            RunnerOutput.print("lines", lines);
            RunnerOutput.print("threads", threads);
        } finally {
            SideBySideLoggers.deleteTree(journals);
        }
    }

    /** One run: the writers' time to the stop's return, their CPU time, the appender's final stats. */
    private static RunFigures run(Path journals, String mode, String keyPrefix, long lines, int threads)
            throws Exception {
        ThroughputRunner.blockingSettings();
        String variant = "appendlog";
        Path journal = null;
        if (mode.equals("off")) {
            System.setProperty(BenchProperties.OBJECT_KEY, keyPrefix + "app-%i.log");
        } else {
            variant = "appendlog-journal";
            journal = Files.createTempDirectory(journals, "run");
            System.setProperty(BenchProperties.JOURNAL_OBJECT_KEY, keyPrefix + "app-%i.log");
            System.setProperty(BenchProperties.JOURNAL_DIRECTORY, journal.toString());
            System.setProperty(BenchProperties.JOURNAL_SYNC, mode);
        }
        LogbackSetup setup = LogbackSetup.configure(variant);
        AppendObjectAppender appender =
                (AppendObjectAppender) setup.context().getLogger(Logger.ROOT_LOGGER_NAME).getAppender("APPENDLOG");
        long start = System.nanoTime();
        long writersCpu = LineWriters.write(setup.logger(), lines, threads);
        long logged = System.nanoTime() - start;
        setup.close(); // returns once everything landed, or shutdownTimeout passed
        long nanos = System.nanoTime() - start;
        if (journal != null) {
            SideBySideLoggers.deleteTree(journal);
        }
        return new RunFigures(nanos, logged, writersCpu, appender.getStats());
    }

    private static final class RunFigures {
        final long nanos;
        final long loggedNanos;
        final long writersCpu;
        final PipelineStats stats;

        RunFigures(long nanos, long loggedNanos, long writersCpu, PipelineStats stats) {
            this.nanos = nanos;
            this.loggedNanos = loggedNanos;
            this.writersCpu = writersCpu;
            this.stats = stats;
        }
    }
}
