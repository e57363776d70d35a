package io.github.appendlog.benchmarks;

/**
 * The system properties the XML files in {@code src/main/resources} read ({@code ${bench.file}} in
 * logback.xml, {@code ${sys:bench.file}} in log4j2.xml). Set before a framework is configured.
 */
public final class BenchProperties {
    public static final String PATTERN = "bench.pattern";
    public static final String FILE = "bench.file";
    public static final String ENDPOINT = "bench.endpoint";
    public static final String BUCKET = "bench.bucket";
    public static final String OBJECT_KEY = "bench.objectKey";
    public static final String ACCESS_KEY_ID = "bench.accessKeyId";
    public static final String ACCESS_KEY_SECRET = "bench.accessKeySecret";
    public static final String REGION = "bench.region";
    public static final String MAX_BUFFER_BYTES = "bench.maxBufferBytes";
    public static final String MAX_BATCH_BYTES = "bench.maxBatchBytes";
    public static final String OVERFLOW_POLICY = "bench.overflowPolicy";
    public static final String MAX_BLOCK_TIME = "bench.maxBlockTime";
    public static final String DISCARD_THRESHOLD = "bench.discardThreshold";
    public static final String SHUTDOWN_TIMEOUT = "bench.shutdownTimeout";
    public static final String COMPRESSION = "bench.compression";
    public static final String LOKI_URL = "bench.lokiUrl";
    /** The journal variant ({@code *-appendlog-journal.xml}): its directory, object key, bound and sync. */
    public static final String JOURNAL_DIRECTORY = "bench.journalDirectory";
    public static final String JOURNAL_OBJECT_KEY = "bench.journalObjectKey";
    public static final String MAX_JOURNAL_BYTES = "bench.maxJournalBytes";
    public static final String JOURNAL_SYNC = "bench.journalSync";

    private BenchProperties() {
    }

    /** Sets the defaults every configuration needs; a caller overrides what its run changes. */
    public static void setDefaults() {
        setIfAbsent(PATTERN, LogLine.PATTERN);
        setIfAbsent(FILE, "/dev/null");
        setIfAbsent(BUCKET, Store.BUCKET);
        setIfAbsent(OBJECT_KEY, "bench/app-%i.log");
        setIfAbsent(ACCESS_KEY_ID, Store.ACCESS_KEY_ID);
        setIfAbsent(ACCESS_KEY_SECRET, Store.ACCESS_KEY_SECRET);
        setIfAbsent(REGION, Store.REGION);
    }

    public static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
