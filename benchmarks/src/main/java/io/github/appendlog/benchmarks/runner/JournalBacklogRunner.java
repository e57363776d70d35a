package io.github.appendlog.benchmarks.runner;

import ch.qos.logback.classic.Logger;
import io.github.appendlog.benchmarks.BenchProperties;
import io.github.appendlog.benchmarks.logback.LogbackSetup;
import io.github.appendlog.logback.AppendObjectAppender;
import io.github.appendlog.status.PipelineStats;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

/**
 * The backlog a long outage leaves in the journal, drained at the next start; each phase in a JVM
 * of its own, through appendlog's Logback appender with the journal on ({@code journalSync=INTERVAL}).
 *
 * <p>{@code write}: one thread logs numbered lines (from 0) with the store unreachable (a closed
 * port on 127.0.0.1; {@code overflowPolicy=BLOCK}, so nothing is shed) until about {@code bytes}
 * of lines are journalled, then stops the appender, whose stop keeps in the journal what did not
 * land. {@code drain}: the emulator starts in another process (its objects kept in a directory, and
 * its heap not counted), then (once an appender without the journal was started and stopped, for
 * the classes) the appender on the same journal directory, whose start opens the journal on the
 * configuring thread; timed from the start
 * until every journalled event has landed (its stats' {@code appendedEvents}), the heap used after
 * full collections sampled every 200 ms meanwhile (as {@link OverloadMemoryRunner}). Once the
 * emulator ended, its objects' files are read back: every line once, in order.
 *
 * <p>Args: {@code write <journalDirectory> <bytes>} or {@code drain <journalDirectory> <storeDirectory>
 * <events> <maxJournalBytes>}. Prints {@code RESULT} lines (see {@link RunnerOutput}).
 */
public final class JournalBacklogRunner {
    static final String OBJECT_KEY = "backlog/app-%i.log";
    private static final long DRAIN_TIMEOUT_NANOS = 8L * 60 * 1_000_000_000L;

    public static void main(String[] args) throws Exception {
        Path journal = Paths.get(args[1]);
        System.setProperty(BenchProperties.JOURNAL_DIRECTORY, journal.toString());
        System.setProperty(BenchProperties.JOURNAL_OBJECT_KEY, OBJECT_KEY);
        System.setProperty(BenchProperties.OVERFLOW_POLICY, "BLOCK");
        System.setProperty(BenchProperties.DISCARD_THRESHOLD, "100");
        System.setProperty(BenchProperties.MAX_BLOCK_TIME, "60 seconds");
        if (args[0].equals("write")) {
            write(journal, Long.parseLong(args[2]));
        } else {
            drain(journal, Paths.get(args[2]), Long.parseLong(args[3]), args[4]);
        }
    }

    /** The journal's bound for a backlog of {@code bytes}: room for it twice (frames and records add a little). */
    static long maxJournalBytes(long bytes) {
        return 2 * bytes + (64L << 20);
    }

    private static void write(Path journal, long bytes) throws Exception {
        long lines = bytes / 150; // the benchmark line is ~150 bytes with its number
        try (ServerSocket closed = new ServerSocket(0)) {
            System.setProperty(BenchProperties.ENDPOINT, "http://127.0.0.1:" + closed.getLocalPort());
        } // closed now: connections are refused
        System.setProperty(BenchProperties.MAX_JOURNAL_BYTES, Long.toString(maxJournalBytes(bytes)));
        System.setProperty(BenchProperties.SHUTDOWN_TIMEOUT, "2 seconds");
        LogbackSetup setup = LogbackSetup.configure("appendlog-journal");
        AppendObjectAppender appender = appender(setup);
        long start = System.nanoTime();
        LineWriters.write(setup.logger(), lines, 1);
        long logged = System.nanoTime() - start;
        setup.close(); // the buffer into the journal, forced; what did not land stays
        long stopped = System.nanoTime() - start;
        PipelineStats stats = appender.getStats();
        RunnerOutput.print("write.lines", lines);
        RunnerOutput.print("write.loggedNanos", logged);
        RunnerOutput.print("write.stoppedNanos", stopped);
        RunnerOutput.print("write.journalledEvents", stats.journalledEvents());
        RunnerOutput.print("write.dropped", stats.droppedBufferFull() + stats.droppedBelowWarn()
                + stats.droppedJournalFull() + stats.journalLost());
        RunnerOutput.print("write.appendedEvents", stats.appendedEvents());
        RunnerOutput.print("write.journalDiskBytes", diskBytes(journal));
        RunnerOutput.print("maxJournalBytes", maxJournalBytes(bytes));
    }

    private static void drain(Path journal, Path storeDirectory, long events, String maxJournalBytes) throws Exception {
        System.setProperty(BenchProperties.MAX_JOURNAL_BYTES, maxJournalBytes);
        System.setProperty(BenchProperties.SHUTDOWN_TIMEOUT, "60 seconds");
        RunnerOutput.print("drain.journalDiskBytes", diskBytes(journal));
        try (EmulatorProcess emulator = EmulatorProcess.start(storeDirectory)) {
            // The classes loaded first (Logback's configuration, the appender, the client), so that
            // the start timed below is the journal's open: an appender without it, started and stopped.
            System.setProperty(BenchProperties.OBJECT_KEY, "warmup/app-%i.log");
            LogbackSetup.configure("appendlog").close();
            HeapSampler sampler = new HeapSampler(200);
            long baseline = sampler.sample();
            sampler.start();
            long start = System.nanoTime();
            LogbackSetup setup = LogbackSetup.configure("appendlog-journal");
            long started = System.nanoTime() - start;
            AppendObjectAppender appender = appender(setup);
            PipelineStats stats = appender.getStats();
            while (stats.appendedEvents() < events && System.nanoTime() - start < DRAIN_TIMEOUT_NANOS) {
                Thread.sleep(10); // polling the stats: no event to wait on
                stats = appender.getStats();
            }
            long drained = System.nanoTime() - start;
            long atEnd = sampler.sample();
            sampler.close();
            setup.close();
            RunnerOutput.print("drain.startNanos", started);
            RunnerOutput.print("drain.nanos", drained);
            RunnerOutput.print("drain.complete", stats.appendedEvents() >= events);
            RunnerOutput.print("drain.appendedEvents", stats.appendedEvents());
            RunnerOutput.print("drain.bytesSent", stats.bytesSent());
            RunnerOutput.print("drain.batchesSent", stats.batchesSent());
            RunnerOutput.print("drain.journalLost", stats.journalLost());
            RunnerOutput.print("drain.baselineHeapBytes", baseline);
            RunnerOutput.print("drain.peakHeapBytes", Math.max(sampler.peakBytes(), atEnd));
            RunnerOutput.print("drain.heapSamples", sampler.samples());
            RunnerOutput.print("drain.maxBufferBytes", 32L << 20);
        }
        checkLines(storeDirectory.resolve(io.github.appendlog.benchmarks.Store.BUCKET), events);
    }

    /**
     * Reads the objects back (backlog/app-0.log, app-1.log, ...) and checks the numbered lines:
     * each once, in order; marker lines counted apart.
     */
    private static void checkLines(Path bucket, long events) throws IOException {
        long next = 0;
        long lines = 0;
        long markers = 0;
        long outOfOrder = 0;
        long missing = 0;
        for (int i = 0; Files.exists(object(bucket, i)); i++) {
            try (InputStream in = Files.newInputStream(object(bucket, i))) {
                LineNumbers numbers = new LineNumbers(in);
                for (long n; (n = numbers.next()) != LineNumbers.END; ) {
                    lines++;
                    if (n == LineNumbers.MARKER) {
                        markers++;
                    } else if (n == next) {
                        next++;
                    } else if (n < next) {
                        outOfOrder++; // a duplicate, or a line out of its place
                    } else {
                        missing += n - next;
                        next = n + 1;
                    }
                }
            }
        }
        missing += Math.max(0, events - next);
        RunnerOutput.print("check.lines", lines);
        RunnerOutput.print("check.markers", markers);
        RunnerOutput.print("check.outOfOrder", outOfOrder);
        RunnerOutput.print("check.missing", missing);
        RunnerOutput.print("check.onceInOrder", lines - markers == events && outOfOrder == 0 && missing == 0);
    }

    private static Path object(Path bucket, int index) {
        return bucket.resolve(OBJECT_KEY.replace("%i", Integer.toString(index)));
    }

    private static AppendObjectAppender appender(LogbackSetup setup) {
        return (AppendObjectAppender) setup.context().getLogger(Logger.ROOT_LOGGER_NAME).getAppender("APPENDLOG");
    }

    private static long diskBytes(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** The number after " - Order " in each line of a stream, without building strings. */
    private static final class LineNumbers {
        static final long END = -1;
        static final long MARKER = -2;
        private static final byte[] TAG = " - Order ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        private final InputStream in;
        private final byte[] chunk = new byte[1 << 16];
        private int at;
        private int end;

        LineNumbers(InputStream in) {
            this.in = in;
        }

        /** The next line's number, {@link #MARKER} for a line without one, {@link #END} at the end. */
        long next() throws IOException {
            int matched = 0;
            long number = -1;
            boolean any = false;
            for (int b; (b = read()) >= 0; ) {
                any = true;
                if (b == '\n') {
                    return number >= 0 ? number : MARKER;
                }
                if (matched == TAG.length && b >= '0' && b <= '9') {
                    number = (number < 0 ? 0 : number * 10) + (b - '0');
                } else if (matched == TAG.length) {
                    matched = -1; // the number ended: the rest of the line is skipped
                } else if (matched >= 0) {
                    matched = b == TAG[matched] ? matched + 1 : b == TAG[0] ? 1 : 0;
                }
            }
            return any ? MARKER : END;
        }

        private int read() throws IOException {
            if (at == end) {
                end = in.read(chunk);
                at = 0;
                if (end <= 0) {
                    end = 0;
                    return -1;
                }
            }
            return chunk[at++] & 0xFF;
        }
    }
}
