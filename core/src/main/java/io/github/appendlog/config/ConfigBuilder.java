package io.github.appendlog.config;

import io.github.appendlog.credentials.RefreshingCredentials;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The code of {@link AppendlogConfig.Builder}: collects the settings of one appender. Every setter
 * taking a {@code String} (and {@link #set(String, String)}, which takes any {@link Setting} by name)
 * parses the text as users type it in XML ({@code 4 MB}, {@code 30 seconds}, {@code block}) through
 * the setting's declaration and records a problem naming the setting instead of throwing; a blank
 * or null text gives the default. The other setters take values. {@link #build()} moves the defaults
 * that depend on a setting the user set ({@link DerivedDefaults}, each move a note of the config),
 * checks every rule and throws one {@link InvalidConfigException} listing every problem.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class ConfigBuilder<B extends ConfigBuilder<B>> {
    private final SettingValues values = new SettingValues();
    private final Map<Setting<?>, String> unparsed = new LinkedHashMap<>();
    private final Set<Setting<?>> explicit = new HashSet<>();
    private final List<String> unknown = new ArrayList<>();
    private String name = "appendlog";
    private Map<String, String> environment = System.getenv();
    private Path home = Paths.get(System.getProperty("user.home", "."));

    ConfigBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The setting named {@code setting}, from its text; an unknown name is a problem. */
    public B set(String setting, String text) {
        Setting<?> known = Setting.named(setting);
        if (known == null) {
            unknown.add(setting + ": is not a setting of appendlog");
            return self();
        }
        return set(known, text);
    }

    /** The setting from its text: parsed, or a problem naming the setting; blank or null gives the default. */
    public <T> B set(Setting<T> setting, String text) {
        try {
            T parsed = setting.parse(text);
            values.put(setting, parsed == null ? setting.defaultValue() : parsed);
            unparsed.remove(setting);
            mark(setting, parsed != null);
        } catch (IllegalArgumentException e) {
            unparsed.put(setting, setting + ": " + e.getMessage());
            explicit.remove(setting);
        }
        return self();
    }

    /** The setting's value; null means not set (a problem for a setting that has a default). */
    public <T> B value(Setting<T> setting, T value) {
        values.put(setting, value);
        unparsed.remove(setting);
        mark(setting, value != null);
        return self();
    }

    private void mark(Setting<?> setting, boolean set) {
        if (set) {
            explicit.add(setting);
        } else {
            explicit.remove(setting);
        }
    }

    /** Where the credentials chain reads its environment variables from (the process's by default). */
    public B environment(Map<String, String> environment) {
        this.environment = environment;
        return self();
    }

    /** For tests: the home directory the credentials chain finds its profile files under. */
    B home(Path home) {
        this.home = home;
        return self();
    }

    /** The appender's name, used in thread names and status messages. */
    public B name(String name) {
        this.name = ConfigValues.text(name);
        return self();
    }

    // One setter per Setting (a String one, and a typed one where the type is not String), in README order.

    public B endpoint(String endpoint) {
        return set(Setting.ENDPOINT, endpoint);
    }

    public B region(String region) {
        return set(Setting.REGION, region);
    }

    public B bucket(String bucket) {
        return set(Setting.BUCKET, bucket);
    }

    public B objectKey(String objectKey) {
        return set(Setting.OBJECT_KEY, objectKey);
    }

    public B accessKeyId(String accessKeyId) {
        return set(Setting.ACCESS_KEY_ID, accessKeyId);
    }

    public B accessKeySecret(String accessKeySecret) {
        return set(Setting.ACCESS_KEY_SECRET, accessKeySecret);
    }

    public B securityToken(String securityToken) {
        return set(Setting.SECURITY_TOKEN, securityToken);
    }

    public B credentialsFile(String credentialsFile) {
        return set(Setting.CREDENTIALS_FILE, credentialsFile);
    }

    public B credentialsProvider(String className) {
        return set(Setting.CREDENTIALS_PROVIDER, className);
    }

    public B ecsMetadataEndpoint(String url) {
        return set(Setting.ECS_METADATA_ENDPOINT, url);
    }

    public B stsEndpoint(String url) {
        return set(Setting.STS_ENDPOINT, url);
    }

    public B signatureVersion(String text) {
        return set(Setting.SIGNATURE_VERSION, text);
    }

    public B signatureVersion(SignatureVersion signatureVersion) {
        return value(Setting.SIGNATURE_VERSION, signatureVersion);
    }

    public B contentType(String contentType) {
        return set(Setting.CONTENT_TYPE, contentType);
    }

    public B compression(String text) {
        return set(Setting.COMPRESSION, text);
    }

    public B compression(Compression compression) {
        return value(Setting.COMPRESSION, compression);
    }

    public B compressionLevel(String text) {
        return set(Setting.COMPRESSION_LEVEL, text);
    }

    public B compressionLevel(int compressionLevel) {
        return value(Setting.COMPRESSION_LEVEL, compressionLevel);
    }

    public B maxBufferBytes(String text) {
        return set(Setting.MAX_BUFFER_BYTES, text);
    }

    public B maxBufferBytes(long maxBufferBytes) {
        return value(Setting.MAX_BUFFER_BYTES, maxBufferBytes);
    }

    public B maxBatchBytes(String text) {
        return set(Setting.MAX_BATCH_BYTES, text);
    }

    public B maxBatchBytes(long maxBatchBytes) {
        return value(Setting.MAX_BATCH_BYTES, maxBatchBytes);
    }

    public B maxEventBytes(String text) {
        return set(Setting.MAX_EVENT_BYTES, text);
    }

    public B maxEventBytes(long maxEventBytes) {
        return value(Setting.MAX_EVENT_BYTES, maxEventBytes);
    }

    public B maxObjectBytes(String text) {
        return set(Setting.MAX_OBJECT_BYTES, text);
    }

    public B maxObjectBytes(long maxObjectBytes) {
        return value(Setting.MAX_OBJECT_BYTES, maxObjectBytes);
    }

    public B flushInterval(String text) {
        return set(Setting.FLUSH_INTERVAL, text);
    }

    public B flushInterval(Duration flushInterval) {
        return value(Setting.FLUSH_INTERVAL, flushInterval);
    }

    public B overflowPolicy(String text) {
        return set(Setting.OVERFLOW_POLICY, text);
    }

    public B overflowPolicy(OverflowPolicy overflowPolicy) {
        return value(Setting.OVERFLOW_POLICY, overflowPolicy);
    }

    public B maxBlockTime(String text) {
        return set(Setting.MAX_BLOCK_TIME, text);
    }

    public B maxBlockTime(Duration maxBlockTime) {
        return value(Setting.MAX_BLOCK_TIME, maxBlockTime);
    }

    public B discardThreshold(String text) {
        return set(Setting.DISCARD_THRESHOLD, text);
    }

    public B discardThreshold(int discardThreshold) {
        return value(Setting.DISCARD_THRESHOLD, discardThreshold);
    }

    public B shutdownTimeout(String text) {
        return set(Setting.SHUTDOWN_TIMEOUT, text);
    }

    public B shutdownTimeout(Duration shutdownTimeout) {
        return value(Setting.SHUTDOWN_TIMEOUT, shutdownTimeout);
    }

    public B connectTimeout(String text) {
        return set(Setting.CONNECT_TIMEOUT, text);
    }

    public B connectTimeout(Duration connectTimeout) {
        return value(Setting.CONNECT_TIMEOUT, connectTimeout);
    }

    public B requestTimeout(String text) {
        return set(Setting.REQUEST_TIMEOUT, text);
    }

    public B requestTimeout(Duration requestTimeout) {
        return value(Setting.REQUEST_TIMEOUT, requestTimeout);
    }

    public B maxRetries(String text) {
        return set(Setting.MAX_RETRIES, text);
    }

    public B maxRetries(int maxRetries) {
        return value(Setting.MAX_RETRIES, maxRetries);
    }

    public B retryBaseDelay(String text) {
        return set(Setting.RETRY_BASE_DELAY, text);
    }

    public B retryBaseDelay(Duration retryBaseDelay) {
        return value(Setting.RETRY_BASE_DELAY, retryBaseDelay);
    }

    public B retryMaxDelay(String text) {
        return set(Setting.RETRY_MAX_DELAY, text);
    }

    public B retryMaxDelay(Duration retryMaxDelay) {
        return value(Setting.RETRY_MAX_DELAY, retryMaxDelay);
    }

    public B dropReportInterval(String text) {
        return set(Setting.DROP_REPORT_INTERVAL, text);
    }

    public B dropReportInterval(Duration dropReportInterval) {
        return value(Setting.DROP_REPORT_INTERVAL, dropReportInterval);
    }

    public B proxy(String proxy) {
        return set(Setting.PROXY, proxy);
    }

    public B trustStore(String trustStore) {
        return set(Setting.TRUST_STORE, trustStore);
    }

    public B trustStorePassword(String trustStorePassword) {
        return set(Setting.TRUST_STORE_PASSWORD, trustStorePassword);
    }

    public B encodeOnCallerThread(String text) {
        return set(Setting.ENCODE_ON_CALLER_THREAD, text);
    }

    public B encodeOnCallerThread(boolean encodeOnCallerThread) {
        return value(Setting.ENCODE_ON_CALLER_THREAD, encodeOnCallerThread);
    }

    public B metrics(String text) {
        return set(Setting.METRICS, text);
    }

    public B metrics(boolean metrics) {
        return value(Setting.METRICS, metrics);
    }

    public B journalDirectory(String directory) {
        return set(Setting.JOURNAL_DIRECTORY, directory);
    }

    public B maxJournalBytes(String text) {
        return set(Setting.MAX_JOURNAL_BYTES, text);
    }

    public B maxJournalBytes(long maxJournalBytes) {
        return value(Setting.MAX_JOURNAL_BYTES, maxJournalBytes);
    }

    public B journalSync(String text) {
        return set(Setting.JOURNAL_SYNC, text);
    }

    public B journalSync(JournalSync journalSync) {
        return value(Setting.JOURNAL_SYNC, journalSync);
    }

    public B journalSyncInterval(String text) {
        return set(Setting.JOURNAL_SYNC_INTERVAL, text);
    }

    public B journalSyncInterval(Duration journalSyncInterval) {
        return value(Setting.JOURNAL_SYNC_INTERVAL, journalSyncInterval);
    }

    public B journalOverflowPolicy(String text) {
        return set(Setting.JOURNAL_OVERFLOW_POLICY, text);
    }

    public B journalOverflowPolicy(JournalOverflowPolicy journalOverflowPolicy) {
        return value(Setting.JOURNAL_OVERFLOW_POLICY, journalOverflowPolicy);
    }

    /**
     * Checks every rule and returns the config.
     *
     * @throws InvalidConfigException naming every setting that is missing or invalid
     */
    public AppendlogConfig build() {
        List<String> problems = new ArrayList<>(unknown);
        problems.addAll(unparsed.values());
        if (name == null) {
            problems.add("name: must not be empty");
        }
        SettingValues checked = values.copy();
        ConfigValidation rules = new ConfigValidation(checked, unparsed.keySet(), problems);
        URI endpoint = rules.endpoint();
        rules.bucketAndKey();
        rules.proxy();
        checked.put(Setting.REGION, rules.region(endpoint));
        RefreshingCredentials credentials = CredentialSettings.resolve(checked, environment, home, problems);
        List<String> notes = new ArrayList<>();
        new DerivedDefaults(checked, explicit, notes).apply();
        rules.ranges();
        rules.relations();
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(name, problems);
        }
        return new AppendlogConfig(name, checked, endpoint, credentials, notes);
    }
}
