package io.github.appendlog.config;

import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.credentials.RefreshingCredentials;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything an appender needs, checked once: a value for every {@link Setting} plus what is
 * resolved from them (the endpoint's URI, the region, the credentials provider). Immutable; built by
 * {@link Builder}, whose {@code build()} reports every problem at once, each naming its
 * setting. {@link #toString()} never shows a secret.
 */
public final class AppendlogConfig {
    public static final long KIB = 1024;
    public static final long MIB = 1024 * KIB;
    public static final long GIB = 1024 * MIB;
    /** OSS refuses to grow an append object past 5 GiB. */
    public static final long OSS_MAX_OBJECT_BYTES = 5 * GIB;

    private final String name;
    private final SettingValues values;
    private final URI endpoint;
    private final RefreshingCredentials credentials;
    private final List<String> notes;

    AppendlogConfig(String name, SettingValues values, URI endpoint, RefreshingCredentials credentials,
            List<String> notes) {
        this.notes = Collections.unmodifiableList(new ArrayList<>(notes));
        this.name = name;
        this.values = values;
        this.endpoint = endpoint;
        this.credentials = credentials;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The value of any setting (for {@link Setting#REGION}, the region in use, possibly inferred). */
    public <T> T get(Setting<T> setting) {
        return values.get(setting);
    }

    /**
     * What the builder decided for the user, for adapters to report at INFO: each default that was
     * moved to agree with a setting the user set, e.g. {@code maxEventBytes: 32768 bytes instead of
     * the default 1 MB, to agree with maxBatchBytes 32768 bytes}. Empty when every default held.
     */
    public List<String> notes() {
        return notes;
    }

    /** The appender's name, used in thread names and status messages. */
    public String name() {
        return name;
    }

    /** Scheme, host and port of the store, e.g. {@code https://oss-cn-hangzhou.aliyuncs.com}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Region id such as {@code cn-hangzhou}; null only with V1 signing. */
    public String region() {
        return get(Setting.REGION);
    }

    public String bucket() {
        return get(Setting.BUCKET);
    }

    /** The object key pattern, e.g. {@code logs/app/%d{yyyy-MM-dd}/host-1-%i.log}. */
    public String objectKey() {
        return get(Setting.OBJECT_KEY);
    }

    /**
     * The credentials in use now (a credentials file may change them while the appender runs). For a
     * network source (STS, instance metadata) this fetches when none are held: not for configuration
     * time; compare settings instead.
     */
    public Credentials credentials() {
        return credentials.credentials();
    }

    /**
     * Where the credentials come from: the source the chain chose, held and refreshed. The pipeline
     * starts it (its refresh thread, its reports) and closes it when it stops.
     */
    public RefreshingCredentials credentialsProvider() {
        return credentials;
    }

    public SignatureVersion signatureVersion() {
        return get(Setting.SIGNATURE_VERSION);
    }

    /** Content-Type sent on the creating append. */
    public String contentType() {
        return get(Setting.CONTENT_TYPE);
    }

    /** Whether each batch is stored as it is or as one gzip member. */
    public Compression compression() {
        return get(Setting.COMPRESSION);
    }

    /** The gzip level (1 to 9) with {@link Compression#GZIP}. */
    public int compressionLevel() {
        return get(Setting.COMPRESSION_LEVEL);
    }

    public long maxBufferBytes() {
        return get(Setting.MAX_BUFFER_BYTES);
    }

    public long maxBatchBytes() {
        return get(Setting.MAX_BATCH_BYTES);
    }

    public long maxEventBytes() {
        return get(Setting.MAX_EVENT_BYTES);
    }

    /** Roll to the next object index before an object would grow past this. */
    public long maxObjectBytes() {
        return get(Setting.MAX_OBJECT_BYTES);
    }

    public Duration flushInterval() {
        return get(Setting.FLUSH_INTERVAL);
    }

    public OverflowPolicy overflowPolicy() {
        return get(Setting.OVERFLOW_POLICY);
    }

    public Duration maxBlockTime() {
        return get(Setting.MAX_BLOCK_TIME);
    }

    /** Percent of {@code maxBufferBytes} above which events below WARN are dropped. */
    public int discardThreshold() {
        return get(Setting.DISCARD_THRESHOLD);
    }

    public Duration shutdownTimeout() {
        return get(Setting.SHUTDOWN_TIMEOUT);
    }

    public Duration connectTimeout() {
        return get(Setting.CONNECT_TIMEOUT);
    }

    /** How long to wait for a reply to one request. */
    public Duration requestTimeout() {
        return get(Setting.REQUEST_TIMEOUT);
    }

    /** Retries of one append on transient errors before the batch goes back to the pipeline. */
    public int maxRetries() {
        return get(Setting.MAX_RETRIES);
    }

    public Duration retryBaseDelay() {
        return get(Setting.RETRY_BASE_DELAY);
    }

    public Duration retryMaxDelay() {
        return get(Setting.RETRY_MAX_DELAY);
    }

    /** Drops are reported at most once per this interval. */
    public Duration dropReportInterval() {
        return get(Setting.DROP_REPORT_INTERVAL);
    }

    /** Path of a trust store (JKS or PKCS12) for HTTPS, or null for the JDK's default trust. */
    public String trustStore() {
        return get(Setting.TRUST_STORE);
    }

    /** Password of {@link #trustStore()}, or null. */
    public String trustStorePassword() {
        return get(Setting.TRUST_STORE_PASSWORD);
    }

    /**
     * Whether adapters encode each event on the logging thread (true) or hand the event over and let
     * the pipeline's encoder thread encode it (false, the default: the log call costs less).
     */
    public boolean encodeOnCallerThread() {
        return get(Setting.ENCODE_ON_CALLER_THREAD);
    }

    /** Whether the adapters register Micrometer meters for this appender (when Micrometer is present). */
    public boolean metrics() {
        return get(Setting.METRICS);
    }

    /** The journal's base directory (each appender journals in {@code <it>/<name>}), or null: no journal. */
    public String journalDirectory() {
        return get(Setting.JOURNAL_DIRECTORY);
    }

    public long maxJournalBytes() {
        return get(Setting.MAX_JOURNAL_BYTES);
    }

    public JournalSync journalSync() {
        return get(Setting.JOURNAL_SYNC);
    }

    public Duration journalSyncInterval() {
        return get(Setting.JOURNAL_SYNC_INTERVAL);
    }

    public JournalOverflowPolicy journalOverflowPolicy() {
        return get(Setting.JOURNAL_OVERFLOW_POLICY);
    }

    /** Every setting that is not secret, and the credentials' source (which shows no secret either). */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("AppendlogConfig{name=").append(name);
        for (Setting<?> setting : Setting.all()) {
            if (setting == Setting.ENDPOINT) {
                s.append(", endpoint=").append(endpoint);
            } else if (!setting.secret()) {
                s.append(", ").append(setting).append('=').append(get(setting));
            }
        }
        return s.append(", credentials=").append(credentials).append('}').toString();
    }

    /** Collects the settings; the setters and {@code build()} are {@link ConfigBuilder}'s. */
    public static final class Builder extends ConfigBuilder<Builder> {
        private Builder() {
        }
    }
}
