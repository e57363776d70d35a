package io.github.appendlog.benchmarks.runner;

import io.github.appendlog.benchmarks.BenchProperties;
import io.github.appendlog.benchmarks.LogLine;
import io.github.appendlog.benchmarks.Store;
import io.github.appendlog.benchmarks.logback.LogbackSetup;
import io.github.appendlog.config.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * {@code compression=gzip} end to end, in one JVM: N lines from 2 threads through appendlog's Logback
 * appender with {@code compression=gzip} (its default level), timed until the appender's stop
 * returns with every byte acknowledged, against the same lines through appendlog without
 * compression and through a buffered FileAppender to local disk (as {@link ThroughputRunner}); all
 * three warmed up first. Then what is stored: the objects' bytes against the text they decompress
 * to, for the benchmark line, for a JSON line shaped like LogstashEncoder's (the same event through
 * a PatternLayout writing JSON, ~280 bytes), and for the benchmark line with its request id, user
 * and figures varied as between real requests.
 *
 * <p>Args: {@code [lines] [threads]}. Prints {@code RESULT} lines (see {@link RunnerOutput}).
 */
public final class GzipRunner {
    private static final String PREFIX = "gzip/";
    /** LogstashEncoder's default fields for this event, in its order, with the two MDC entries. */
    static final String JSON_PATTERN = "{\"@timestamp\":\"%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}\",\"@version\":\"1\","
            + "\"message\":\"%msg\",\"logger_name\":\"%logger\",\"thread_name\":\"%thread\",\"level\":\"%level\","
            + "\"level_value\":20000,\"requestId\":\"%X{requestId}\",\"userId\":\"%X{userId}\"}%n";

    public static void main(String[] args) throws Exception {
        long lines = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        long warmupLines = Math.max(lines / 4, 10_000);
        Path dir = Files.createTempDirectory("appendlog-bench-gzip");
        try (Store store = Store.start()) {
            ThroughputRunner.fileRun(dir.resolve("warmup.log"), warmupLines, threads);
            appendlog(store, "none", PREFIX + "warmup-none/", warmupLines, threads);
            appendlog(store, "gzip", PREFIX + "warmup-gzip/", warmupLines, threads);

            long[] file = ThroughputRunner.fileRun(dir.resolve("timed.log"), lines, threads);
            RunnerOutput.print("file.nanos", file[0]);
            RunnerOutput.print("file.bytes", file[1]);
            RunnerOutput.print("file.cpuNanos.writers", file[2]);

            for (String compression : new String[] {"none", "gzip"}) {
                String key = PREFIX + "timed-" + compression + "/";
                long appends0 = store.appends();
                long cpu0 = ThroughputRunner.processCpuNanos();
                long gc0 = ThroughputRunner.gcMillis();
                long[] run = appendlog(store, compression, key, lines, threads);
                RunnerOutput.print(compression + ".cpuNanos", ThroughputRunner.processCpuNanos() - cpu0);
                RunnerOutput.print(compression + ".gcMillis", ThroughputRunner.gcMillis() - gc0);
                RunnerOutput.print(compression + ".nanos", run[0]);
                RunnerOutput.print(compression + ".cpuNanos.writers", run[1]);
                RunnerOutput.print(compression + ".appends", store.appends() - appends0);
                long[] landed = compression.equals("gzip") ? store.storedTextAndLines(key) : plain(store, key);
                RunnerOutput.print(compression + ".storedBytes", landed[0]);
                RunnerOutput.print(compression + ".textBytes", landed[1]);
                RunnerOutput.print(compression + ".lines", landed[2]);
            }

            long jsonLines = Math.max(lines / 4, 10_000);
            System.setProperty(BenchProperties.PATTERN, JSON_PATTERN);
            long jsonAppends0 = store.appends();
            try {
                appendlog(store, "gzip", PREFIX + "json/", jsonLines, threads);
                RunnerOutput.print("json.appends", store.appends() - jsonAppends0);
            } finally {
                System.setProperty(BenchProperties.PATTERN, LogLine.PATTERN);
            }
            long[] json = store.storedTextAndLines(PREFIX + "json/");
            RunnerOutput.print("json.storedBytes", json[0]);
            RunnerOutput.print("json.textBytes", json[1]);
            RunnerOutput.print("json.lines", json[2]);
            RunnerOutput.print("json.linesLogged", jsonLines);

            long appends0 = store.appends();
            writeVaried(PREFIX + "varied/", jsonLines);
            RunnerOutput.print("varied.appends", store.appends() - appends0);
            long[] varied = store.storedTextAndLines(PREFIX + "varied/");
            RunnerOutput.print("varied.storedBytes", varied[0]);
            RunnerOutput.print("varied.textBytes", varied[1]);
            RunnerOutput.print("varied.lines", varied[2]);
            RunnerOutput.print("lines", lines);
            RunnerOutput.print("threads", threads);
            RunnerOutput.print("compressionLevel", Setting.COMPRESSION_LEVEL.defaultValue());
        } finally {
            try (var paths = Files.list(dir)) {
                paths.forEach(p -> p.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    private static long[] appendlog(Store store, String compression, String keyPrefix, long lines, int threads)
            throws Exception {
        System.setProperty(BenchProperties.COMPRESSION, compression);
        try {
            return ThroughputRunner.appendlogRun(store, keyPrefix, lines, threads);
        } finally {
            System.clearProperty(BenchProperties.COMPRESSION);
        }
    }

    /**
     * The benchmark line with what varies between real requests varied (seeded): request id, user,
     * order number, item count, amount, warehouse. The benchmark line repeats all but its counter and
     * time, which gzip makes far smaller than real logs. One thread, untimed.
     */
    private static void writeVaried(String keyPrefix, long lines) {
        System.setProperty(BenchProperties.OBJECT_KEY, keyPrefix + "app-%i.log");
        System.setProperty(BenchProperties.COMPRESSION, "gzip");
        Random random = new Random(13);
        try (LogbackSetup setup = LogbackSetup.configure("appendlog")) {
            Logger logger = setup.logger();
            for (long i = 0; i < lines; i++) {
                MDC.put(LogLine.MDC_REQUEST_KEY, Long.toHexString(random.nextLong()));
                MDC.put(LogLine.MDC_USER_KEY, "user-" + random.nextInt(5000));
                logger.info("Order A-{} accepted: {} items, {} EUR, warehouse {}", random.nextInt(10_000_000),
                        1 + random.nextInt(20), random.nextInt(100_000) / 100.0, random.nextInt(40));
            }
        } finally {
            MDC.clear();
            System.clearProperty(BenchProperties.COMPRESSION);
        }
    }

    /** {stored bytes, text bytes, lines} of plain objects: the text is what is stored. */
    private static long[] plain(Store store, String prefix) {
        long[] bytesAndLines = store.bytesAndLines(prefix);
        return new long[] {bytesAndLines[0], bytesAndLines[0], bytesAndLines[1]};
    }

    /** The figures a report needs from a finished run, by key; for {@link GzipRows}. */
    static double num(Map<String, String> m, String key) {
        String v = m.get(key);
        return v == null ? Double.NaN : Double.parseDouble(v);
    }
}
