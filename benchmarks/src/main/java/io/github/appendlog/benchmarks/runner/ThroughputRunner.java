package io.github.appendlog.benchmarks.runner;

import io.github.appendlog.benchmarks.BenchProperties;
import io.github.appendlog.benchmarks.Store;
import io.github.appendlog.benchmarks.logback.LogbackSetup;
import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.store.AppendReply;
import io.github.appendlog.oss.OssHttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Map;

/**
 * End-to-end throughput: N lines from 2 threads through appendlog's Logback appender into the
 * emulator, timed until the last byte is acknowledged (the appender's stop returns once everything
 * landed), against a buffered FileAppender writing the same lines to local disk (timed until it is
 * closed). Then the emulator's own ceiling: raw 4 MiB appends from one client.
 *
 * <p>Args: {@code [lines] [threads]}. Prints {@code RESULT} lines (see {@link RunnerOutput}).
 */
public final class ThroughputRunner {
    private static final String PREFIX = "throughput/";

    public static void main(String[] args) throws Exception {
        long lines = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        long warmupLines = Math.max(lines / 4, 10_000);
        Path dir = Files.createTempDirectory("appendlog-bench-throughput");
        try (Store store = Store.start()) {
            // Warm both paths up first (JIT), untimed.
            fileRun(dir.resolve("warmup.log"), warmupLines, threads);
            appendlogRun(store, PREFIX + "warmup/", warmupLines, threads);

            long cpu0 = processCpuNanos();
            long gc0 = gcMillis();
            long[] file = fileRun(dir.resolve("timed.log"), lines, threads);
            RunnerOutput.print("file.nanos", file[0]);
            RunnerOutput.print("file.bytes", file[1]);
            RunnerOutput.print("file.cpuNanos.writers", file[2]);
            RunnerOutput.print("file.cpuNanos", processCpuNanos() - cpu0);
            RunnerOutput.print("file.gcMillis", gcMillis() - gc0);
            gc0 = gcMillis();

            long appendsBefore = store.appends();
            Map<String, Long> groups0 = ThreadCpu.byGroup();
            cpu0 = processCpuNanos();
            long[] run = appendlogRun(store, PREFIX + "timed/", lines, threads);
            long nanos = run[0];
            RunnerOutput.print("appendlog.cpuNanos", processCpuNanos() - cpu0);
            RunnerOutput.print("appendlog.cpuNanos.writers", run[1]);
            RunnerOutput.print("appendlog.gcMillis", gcMillis() - gc0);
            // The store's threads outlive the run (the appender's sender does not: it is in the rest).
            Map<String, Long> groups = ThreadCpu.byGroup();
            RunnerOutput.print("appendlog.cpuNanos.store", groups.getOrDefault("other", 0L) - groups0.getOrDefault("other", 0L));
            long appends = store.appends() - appendsBefore;
            long[] landed = store.bytesAndLines(PREFIX + "timed/");
            RunnerOutput.print("appendlog.nanos", nanos);
            RunnerOutput.print("appendlog.bytes", landed[0]);
            RunnerOutput.print("appendlog.lines", landed[1]);
            RunnerOutput.print("appendlog.appends", appends);
            RunnerOutput.print("appendlog.maxBatchBytes", 4L * 1024 * 1024);
            RunnerOutput.print("lines", lines);

            // A stopped Logback context leaves the root logger at DEBUG, which turns on the HTTP
            // client's wire log (every byte formatted): measure the store with logging as in a real
            // application, at INFO.
            long[] ceiling;
            try (LogbackSetup quiet = LogbackSetup.configure("noop")) {
                ceiling = ceiling(store, 4 * 1024 * 1024, 64);
            }
            RunnerOutput.print("ceiling.nanos", ceiling[0]);
            RunnerOutput.print("ceiling.bytes", ceiling[1]);
        } finally {
            try (var paths = Files.list(dir)) {
                paths.forEach(p -> p.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Time the collectors report (pauses and concurrent cycles), all collectors. */
    static long gcMillis() {
        long millis = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            millis += gc.getCollectionTime();
        }
        return millis;
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** {nanos, bytes} of a FileAppender run to local disk. */
    static long[] fileRun(Path file, long lines, int threads) throws Exception {
        System.setProperty(BenchProperties.FILE, file.toString());
        LogbackSetup setup = LogbackSetup.configure("file");
        long start = System.nanoTime();
        long writersCpu = LineWriters.write(setup.logger(), lines, threads);
        setup.close(); // flushes and closes the file
        long nanos = System.nanoTime() - start;
        long bytes = Files.size(file);
        Files.delete(file);
        return new long[] {nanos, bytes, writersCpu};
    }

    /** {nanos from the first line to the appender's stop having every byte acknowledged, writers' CPU nanos}. */
    static long[] appendlogRun(Store store, String keyPrefix, long lines, int threads) throws Exception {
        System.setProperty(BenchProperties.OBJECT_KEY, keyPrefix + "app-%i.log");
        blockingSettings();
        LogbackSetup setup = LogbackSetup.configure("appendlog");
        long start = System.nanoTime();
        long writersCpu = LineWriters.write(setup.logger(), lines, threads);
        setup.close(); // returns once everything landed, or shutdownTimeout passed
        return new long[] {System.nanoTime() - start, writersCpu};
    }

    /**
     * Throughput, not shedding: the callers wait for room rather than drop (INFO events too: with the
     * default discardThreshold of 80% they would be dropped, not wait, above it).
     */
    static void blockingSettings() {
        System.setProperty(BenchProperties.OVERFLOW_POLICY, "BLOCK");
        System.setProperty(BenchProperties.DISCARD_THRESHOLD, "100");
        System.setProperty(BenchProperties.MAX_BLOCK_TIME, "60 seconds");
        System.setProperty(BenchProperties.SHUTDOWN_TIMEOUT, "120 seconds");
    }

    /** {nanos, bytes} of raw appends of {@code batchBytes} through one HTTP client. */
    private static long[] ceiling(Store store, int batchBytes, int batches) throws Exception {
        AppendlogConfig config = AppendlogConfig.builder()
                .name("ceiling")
                .endpoint(store.endpoint())
                .region(Store.REGION)
                .bucket(Store.BUCKET)
                .objectKey(PREFIX + "ceiling.log")
                .accessKeyId(Store.ACCESS_KEY_ID)
                .accessKeySecret(Store.ACCESS_KEY_SECRET)
                .build();
        byte[] batch = new byte[batchBytes];
        Arrays.fill(batch, (byte) 'x');
        try (OssHttpClient client = OssHttpClient.create(config)) {
            long position = 0;
            // warm-up appends, untimed
            for (int i = 0; i < 16; i++) {
                position = client.append(PREFIX + "ceiling-warmup.log", position, batch, 0, batch.length, i == 0)
                        .nextPosition();
            }
            position = 0;
            long start = System.nanoTime();
            for (int i = 0; i < batches; i++) {
                AppendReply reply = client.append(PREFIX + "ceiling.log", position, batch, 0, batch.length, i == 0);
                position = reply.nextPosition();
            }
            return new long[] {System.nanoTime() - start, position};
        }
    }
}
