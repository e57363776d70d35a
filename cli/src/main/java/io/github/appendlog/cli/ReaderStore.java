package io.github.appendlog.cli;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.config.InvalidConfigException;
import io.github.appendlog.oss.OssHttpClient;
import io.github.appendlog.oss.OssObjectSummary;
import io.github.appendlog.store.ObjectInfo;
import io.github.appendlog.store.StoreErrorKind;
import io.github.appendlog.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The reader's view of one bucket: HEAD, ranged GET and listing through core's {@link OssHttpClient},
 * configured from the appenders' settings (and credentials chain) like an appender. Every failure
 * becomes a {@link CliException} whose message names the object and says what to check.
 */
final class ReaderStore implements AutoCloseable {
    private static final long REQUEST_DEADLINE_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final OssUrl url;
    private final AppendlogConfig config;
    private final OssHttpClient client;

    private ReaderStore(OssUrl url, AppendlogConfig config, OssHttpClient client) {
        this.url = url;
        this.config = config;
        this.client = client;
    }

    /**
     * @param settings the flags' settings; {@code endpoint} and {@code region} default to the
     *        variables {@code OSS_ENDPOINT} and {@code OSS_REGION} (as the samples read them)
     * @throws CliException (usage) when a setting is missing or wrong, naming it
     */
    static ReaderStore open(OssUrl url, Map<String, String> settings, Map<String, String> environment)
            throws CliException {
        AppendlogConfig.Builder b = AppendlogConfig.builder().name("appendlog-cli").environment(environment)
                .bucket(url.bucket).objectKey("appendlog-cli"); // objectKey is an appender's setting: any valid one
        b.set("endpoint", environment.get("OSS_ENDPOINT")).set("region", environment.get("OSS_REGION"));
        settings.forEach(b::set); // flags win over OSS_ENDPOINT and OSS_REGION
        AppendlogConfig config;
        try {
            config = b.build();
        } catch (InvalidConfigException e) {
            throw CliException.usage(String.join("; ", e.problems()).replace("endpoint: is required",
                    "endpoint: is required (--endpoint or OSS_ENDPOINT)"));
        }
        try {
            return new ReaderStore(url, config, OssHttpClient.create(config));
        } catch (UncheckedIOException e) {
            config.credentialsProvider().close();
            throw CliException.usage(e.getMessage());
        }
    }

    /** The object's length and type; null when there is none. */
    ObjectInfo head(String key) throws CliException {
        try {
            return client.head(key, deadline());
        } catch (IOException | StoreException e) {
            throw failure(e, key);
        }
    }

    /** The object's length and type; a missing object is an error. */
    ObjectInfo existing(String key) throws CliException {
        ObjectInfo info = head(key);
        if (info == null) {
            throw CliException.failed(url.location(key) + ": no such object (check the key: 'appendlog ls "
                    + url.location(parent(key)) + "' lists what is there)");
        }
        return info;
    }

    byte[] read(String key, long first, long lastInclusive) throws CliException {
        try {
            return client.getRange(key, first, lastInclusive, deadline());
        } catch (IOException | StoreException e) {
            throw failure(e, key);
        }
    }

    List<OssObjectSummary> list(String prefix) throws CliException {
        try {
            return client.listObjects(prefix, deadline());
        } catch (IOException | StoreException e) {
            throw failure(e, prefix);
        }
    }

    String location(String key) {
        return url.location(key);
    }

    private static long deadline() {
        return System.nanoTime() + REQUEST_DEADLINE_NANOS;
    }

    private CliException failure(Exception e, String key) {
        if (e instanceof StoreException && ((StoreException) e).kind() == StoreErrorKind.NO_SUCH_KEY) {
            return CliException.failed(url.location(key) + ": no such object (it may have been deleted)");
        }
        if (e instanceof StoreException) {
            return CliException.failed(e.getMessage());
        }
        return CliException.failed("cannot read " + url.location(key) + " from " + config.endpoint() + ": "
                + e.getMessage() + " (check --endpoint and the network)");
    }

    private static String parent(String key) {
        int slash = key.lastIndexOf('/');
        return slash < 0 ? "" : key.substring(0, slash + 1);
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // nothing was being written
        }
        config.credentialsProvider().close();
    }
}
