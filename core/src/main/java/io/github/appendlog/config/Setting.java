package io.github.appendlog.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * One setting of an appender, declared once: its name (the XML name in both frameworks), type,
 * default, the default as the README shows it, whether it is secret, how its text is parsed and the
 * range it must lie in. {@link #all()} lists every setting in README order; the builder, the
 * validation messages and {@code toString()} are derived from it, and the adapters' tests check
 * that each setting has a Logback setter, a Log4j2 attribute and a README row.
 *
 * <p>To add a setting: declare it here; add an accessor to {@link AppendlogConfig} if core reads it
 * (else {@code get(Setting)} serves) and its setters (a String one, and a typed one unless the type
 * is String) to {@link ConfigBuilder}; add a {@code set<Name>(String)} to the Logback appender, an
 * attribute field with its setter to the Log4j2 {@code BuilderAttributes} ({@code toConfig()} finds
 * it by name), and a README row. Parsing, the default, the range check and {@code toString()} need
 * nothing more; core's {@code SettingTest} and the adapters' mapping tests fail until every place
 * agrees.
 *
 * @param <T> the value's type
 */
public final class Setting<T> {
    private static final List<Setting<?>> ALL = new ArrayList<>();

    public static final Setting<String> ENDPOINT = text("endpoint", "(required)", "Store URL, no path.");
    public static final Setting<String> REGION = text("region",
            "from an oss-<region>.aliyuncs.com or oss-<region>-internal.aliyuncs.com endpoint",
            "Region id such as cn-hangzhou; required with V4 signing for any other endpoint.");
    public static final Setting<String> BUCKET = text("bucket", "(required)", "Bucket name.");
    public static final Setting<String> OBJECT_KEY = text("objectKey", "(required)",
            "Key pattern with %d{...} (date) and %i (index).");
    public static final Setting<String> ACCESS_KEY_ID = text("accessKeyId", "OSS_ACCESS_KEY_ID", "Access key id.");
    public static final Setting<String> ACCESS_KEY_SECRET = secret("accessKeySecret", "OSS_ACCESS_KEY_SECRET",
            "Access key secret.");
    public static final Setting<String> SECURITY_TOKEN = secret("securityToken", "OSS_SESSION_TOKEN",
            "STS token for temporary credentials.");
    public static final Setting<String> CREDENTIALS_FILE = text("credentialsFile", "~/.oss/credentials if it exists",
            "OSS profile file, read again when it changes or the key is refused.");
    public static final Setting<String> CREDENTIALS_PROVIDER = text("credentialsProvider", "none",
            "Class implementing io.github.appendlog.credentials.CredentialsProvider, built with its no-arg constructor.");
    /** Unset, {@link AppendlogConfig#get} gives {@code CredentialsChain.defaultEcsMetadataEndpoint()}. */
    public static final Setting<String> ECS_METADATA_ENDPOINT = text("ecsMetadataEndpoint", "http://100.100.100.200",
            "Base URL of the ECS instance-metadata service (RAM role credentials).");
    public static final Setting<String> STS_ENDPOINT = text("stsEndpoint",
            "from ALIBABA_CLOUD_STS_ENDPOINT / ALIBABA_CLOUD_STS_REGION, else https://sts.aliyuncs.com",
            "STS URL, scheme included, for AssumeRole and AssumeRoleWithOIDC.");
    public static final Setting<SignatureVersion> SIGNATURE_VERSION = new Setting<>("signatureVersion",
            SignatureVersion.class, SignatureVersion.V4, "V4", false, ConfigValues::parseSignatureVersion, null, null,
            "V4 (OSS4-HMAC-SHA256) or V1 (OSS HMAC-SHA1).");
    public static final Setting<String> CONTENT_TYPE = new Setting<>("contentType", String.class,
            "text/plain; charset=utf-8", "text/plain; charset=utf-8", false, ConfigValues::text, null, null,
            "Content-Type of the object, set when it is created (application/gzip with compression gzip).");
    public static final Setting<Compression> COMPRESSION = new Setting<>("compression", Compression.class,
            Compression.NONE, "none", false, ConfigValues::parseCompression, null, null,
            "none, or gzip: each batch is appended as one complete gzip member.");
    public static final Setting<Integer> COMPRESSION_LEVEL = new Setting<>("compressionLevel", Integer.class, 1, "1",
            false, ConfigValues::parseInt, 1, 9, "gzip level, 1 (fastest) to 9 (smallest).");
    public static final Setting<Long> MAX_BUFFER_BYTES = size("maxBufferBytes", "32 MB", AppendlogConfig.KIB,
            64 * AppendlogConfig.GIB, "Bound of the in-memory buffer.");
    public static final Setting<Long> MAX_BATCH_BYTES = size("maxBatchBytes", "4 MB", AppendlogConfig.KIB,
            AppendlogConfig.GIB, "Most bytes in one append request.");
    public static final Setting<Long> MAX_EVENT_BYTES = size("maxEventBytes", "1 MB", 64, 64 * AppendlogConfig.MIB,
            "A longer encoded event is truncated with a marker.");
    public static final Setting<Long> MAX_OBJECT_BYTES = size("maxObjectBytes", "5056 MB", AppendlogConfig.KIB,
            AppendlogConfig.OSS_MAX_OBJECT_BYTES, "Roll to the next %i before an object would grow past this.");
    public static final Setting<Duration> FLUSH_INTERVAL = duration("flushInterval", "1 second",
            Duration.ofMillis(1), Duration.ofHours(1), "A partly filled batch is sent after at most this long.");
    public static final Setting<OverflowPolicy> OVERFLOW_POLICY = new Setting<>("overflowPolicy",
            OverflowPolicy.class, OverflowPolicy.DROP, "DROP", false, ConfigValues::parseOverflowPolicy, null, null,
            "DROP or BLOCK (wait up to maxBlockTime) when the buffer is full.");
    public static final Setting<Duration> MAX_BLOCK_TIME = duration("maxBlockTime", "1 second", Duration.ZERO,
            Duration.ofHours(1), "Longest wait with overflowPolicy BLOCK.");
    public static final Setting<Integer> DISCARD_THRESHOLD = new Setting<>("discardThreshold", Integer.class, 80,
            "80", false, ConfigValues::parsePercent, 0, 100,
            "Percent of the buffer above which events below WARN are dropped first.");
    public static final Setting<Duration> SHUTDOWN_TIMEOUT = duration("shutdownTimeout", "10 seconds",
            Duration.ZERO, Duration.ofHours(1), "On stop, flush for at most this long.");
    public static final Setting<Duration> CONNECT_TIMEOUT = duration("connectTimeout", "10 seconds",
            Duration.ofMillis(1), Duration.ofHours(1), "TCP/TLS connect timeout.");
    public static final Setting<Duration> REQUEST_TIMEOUT = duration("requestTimeout", "30 seconds",
            Duration.ofMillis(1), Duration.ofHours(1), "Longest wait for a reply to one request.");
    public static final Setting<Integer> MAX_RETRIES = new Setting<>("maxRetries", Integer.class, 5, "5", false,
            ConfigValues::parseInt, 0, 1000, "Retries of one append on transient errors.");
    public static final Setting<Duration> RETRY_BASE_DELAY = duration("retryBaseDelay", "200 ms", Duration.ZERO,
            Duration.ofHours(1), "First retry delay.");
    public static final Setting<Duration> RETRY_MAX_DELAY = duration("retryMaxDelay", "30 seconds", Duration.ZERO,
            Duration.ofHours(1), "Longest retry delay.");
    public static final Setting<Duration> DROP_REPORT_INTERVAL = duration("dropReportInterval", "30 seconds",
            Duration.ZERO, Duration.ofDays(1), "Drops are reported at most once per interval.");
    public static final Setting<String> PROXY = text("proxy", "the JVM's proxy settings",
            "HTTP proxy (http://host:port) for the store and the credential requests, or none for direct.");
    public static final Setting<String> TRUST_STORE = text("trustStore", "JDK default trust",
            "JKS or PKCS12 trust store for HTTPS.");
    public static final Setting<String> TRUST_STORE_PASSWORD = secret("trustStorePassword", "none",
            "Password of trustStore.");
    public static final Setting<Boolean> ENCODE_ON_CALLER_THREAD = new Setting<>("encodeOnCallerThread",
            Boolean.class, false, "false", false, ConfigValues::parseBoolean, null, null,
            "true: the logging thread runs the encoder/layout; false: appendlog's encoder thread does.");
    public static final Setting<Boolean> METRICS = new Setting<>("metrics", Boolean.class, false, "false", false,
            ConfigValues::parseBoolean, null, null,
            "true: Micrometer meters in Metrics.globalRegistry (Micrometer must be on the class path).");
    public static final Setting<String> JOURNAL_DIRECTORY = text("journalDirectory", "none (no journal)",
            "Directory of the local journal that survives a crash; each appender uses <dir>/<name>.");
    public static final Setting<Long> MAX_JOURNAL_BYTES = size("maxJournalBytes", "1 GB", 512 * AppendlogConfig.KIB,
            1024 * AppendlogConfig.GIB, "Bound of the journal's files on disk, the backlog included.");
    public static final Setting<JournalSync> JOURNAL_SYNC = new Setting<>("journalSync", JournalSync.class,
            JournalSync.INTERVAL, "INTERVAL", false, ConfigValues::parseJournalSync, null, null,
            "NONE, INTERVAL (force every journalSyncInterval) or ALWAYS (force every write).");
    public static final Setting<Duration> JOURNAL_SYNC_INTERVAL = duration("journalSyncInterval", "1 second",
            Duration.ofMillis(1), Duration.ofHours(1), "How often journalSync=INTERVAL forces the journal to disk.");
    public static final Setting<JournalOverflowPolicy> JOURNAL_OVERFLOW_POLICY = new Setting<>(
            "journalOverflowPolicy", JournalOverflowPolicy.class, JournalOverflowPolicy.DROP_NEWEST, "DROP_NEWEST",
            false, ConfigValues::parseJournalOverflowPolicy, null, null,
            "DROP_NEWEST or DROP_OLDEST when the journal reaches maxJournalBytes.");

    private final String name;
    private final Class<T> type;
    private final T defaultValue;
    private final String defaultText;
    private final boolean secret;
    private final Function<String, T> parser;
    private final T min;
    private final T max;
    private final String description;

    private Setting(String name, Class<T> type, T defaultValue, String defaultText, boolean secret,
            Function<String, T> parser, T min, T max, String description) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.secret = secret;
        this.parser = parser;
        this.min = min;
        this.max = max;
        this.description = description;
        ALL.add(this);
    }

    private static Setting<String> text(String name, String defaultText, String description) {
        return new Setting<>(name, String.class, null, defaultText, false, ConfigValues::text, null, null, description);
    }

    private static Setting<String> secret(String name, String defaultText, String description) {
        return new Setting<>(name, String.class, null, defaultText, true, ConfigValues::text, null, null, description);
    }

    private static Setting<Long> size(String name, String defaultText, long min, long max, String description) {
        return new Setting<>(name, Long.class, ConfigValues.parseBytes(defaultText), defaultText, false,
                ConfigValues::parseBytes, min, max, description);
    }

    private static Setting<Duration> duration(String name, String defaultText, Duration min, Duration max,
            String description) {
        return new Setting<>(name, Duration.class, ConfigValues.parseDuration(defaultText), defaultText, false,
                ConfigValues::parseDuration, min, max, description);
    }

    /** Every setting, in the order of the README's Settings table. */
    public static List<Setting<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** The setting with this name, or null. */
    public static Setting<?> named(String name) {
        for (Setting<?> s : ALL) {
            if (s.name.equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** The name in XML and in every message, e.g. {@code maxBufferBytes}. */
    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    /** The value when the setting is absent; null when there is none (required, or looked up elsewhere). */
    public T defaultValue() {
        return defaultValue;
    }

    /** The default as the README's Settings table shows it (without its backticks). */
    public String defaultText() {
        return defaultText;
    }

    /** Never printed: not in {@code toString()}, not in messages. */
    public boolean secret() {
        return secret;
    }

    public String description() {
        return description;
    }

    /**
     * The value of a text as users type it ({@code 4 MB}, {@code 30 seconds}, {@code block}); null
     * for a blank text.
     *
     * @throws IllegalArgumentException saying what is wrong with the text (without the setting's name)
     */
    public T parse(String text) {
        return ConfigValues.text(text) == null ? null : parser.apply(text.trim());
    }

    /** A problem naming this setting if the value lies outside its range, else null. */
    @SuppressWarnings("unchecked")
    String outOfRange(T value) {
        if (value == null || min == null) {
            return null;
        }
        Comparable<T> v = (Comparable<T>) value;
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            return name + ": " + value + " is out of range [" + min + ", " + max + "]";
        }
        return null;
    }

    /** For tests: whether the default itself lies outside the range (a declaration mistake). */
    String outOfRangeOfDefault() {
        return outOfRange(defaultValue);
    }

    @Override
    public String toString() {
        return name;
    }
}
