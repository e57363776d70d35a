package io.github.appendlog.config;

import io.github.appendlog.buffer.EventBuffer;
import io.github.appendlog.delivery.ObjectKeyPattern;
import io.github.appendlog.oss.ProxyRoutes;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The rules a configuration must follow, each problem added to one list and naming its setting:
 * each value within its {@link Setting}'s range, the required settings, the endpoint, bucket, object
 * key and region, and the relations between settings. A setting whose text could not be parsed is
 * not checked again. Resolves the endpoint's URI and the region (given, or inferred by
 * {@link RegionInference}).
 */
final class ConfigValidation {
    private final SettingValues values;
    private final Collection<Setting<?>> unparsed;
    private final List<String> problems;

    ConfigValidation(SettingValues values, Collection<Setting<?>> unparsed, List<String> problems) {
        this.values = values;
        this.unparsed = unparsed;
        this.problems = problems;
    }

    /** Checks every setting on its own: set when it has a default, and within its range. */
    void ranges() {
        for (Setting<?> setting : Setting.all()) {
            if (!unparsed.contains(setting)) {
                range(setting);
            }
        }
    }

    private <T> void range(Setting<T> setting) {
        T value = values.get(setting);
        if (value == null && setting.defaultValue() != null) {
            problems.add(setting + ": must be set (default " + setting.defaultText() + ")");
            return;
        }
        String problem = setting.outOfRange(value);
        if (problem != null) {
            problems.add(problem);
        }
    }

    /** Rules between settings (each problem names the setting to change); sizes only when each is within its range. */
    void relations() {
        journal();
        Long buffer = values.get(Setting.MAX_BUFFER_BYTES);
        Long batch = values.get(Setting.MAX_BATCH_BYTES);
        Long event = values.get(Setting.MAX_EVENT_BYTES);
        Long object = values.get(Setting.MAX_OBJECT_BYTES);
        if (buffer == null || batch == null || event == null || object == null || outOfRange(Setting.MAX_BUFFER_BYTES,
                Setting.MAX_BATCH_BYTES, Setting.MAX_EVENT_BYTES, Setting.MAX_OBJECT_BYTES)) {
            return; // reported by ranges()
        }
        if (batch > buffer) {
            problems.add(Setting.MAX_BATCH_BYTES + ": " + batch + " is larger than maxBufferBytes " + buffer);
        }
        if (event > batch) {
            problems.add(Setting.MAX_EVENT_BYTES + ": " + event + " is larger than maxBatchBytes " + batch);
        }
        if (EventBuffer.roomOf(event) > buffer) {
            problems.add(Setting.MAX_EVENT_BYTES + ": " + event + " takes " + EventBuffer.roomOf(event)
                    + " bytes of buffer with its bookkeeping, more than maxBufferBytes " + buffer);
        }
        Compression compression = values.get(Setting.COMPRESSION);
        if (batch > object) {
            problems.add(Setting.MAX_BATCH_BYTES + ": " + batch + " is larger than maxObjectBytes " + object);
        } else if (compression != null && compression.maxStoredBytes(batch) > object) {
            long member = compression.maxStoredBytes(batch);
            problems.add(Setting.MAX_OBJECT_BYTES + ": " + object + " is smaller than the largest " + compression
                    + " member a maxBatchBytes " + batch + " batch can become (" + member + " bytes, for text that"
                    + " does not compress), so such a batch would fit no object; raise maxObjectBytes to " + member
                    + " or lower maxBatchBytes to " + compression.largestTextWithin(object));
        }
        Duration base = values.get(Setting.RETRY_BASE_DELAY);
        Duration max = values.get(Setting.RETRY_MAX_DELAY);
        if (base != null && max != null && base.compareTo(max) > 0) {
            problems.add(Setting.RETRY_BASE_DELAY + ": " + base + " is longer than retryMaxDelay " + max);
        }
    }

    @SafeVarargs
    private boolean outOfRange(Setting<Long>... settings) {
        for (Setting<Long> setting : settings) {
            if (setting.outOfRange(values.get(setting)) != null) {
                return true;
            }
        }
        return false;
    }

    void proxy() {
        String problem = ProxyRoutes.problem(values.get(Setting.PROXY));
        if (problem != null) {
            problems.add(Setting.PROXY + ": " + problem);
        }
    }

    void bucketAndKey() {
        String bucket = values.get(Setting.BUCKET);
        if (bucket == null) {
            problems.add("bucket: is required");
        } else if (!bucket.matches("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]")) {
            problems.add("bucket: '" + bucket + "' is not a valid bucket name (3-63 lower-case letters, digits and '-')");
        }
        String key = values.get(Setting.OBJECT_KEY);
        if (key == null) {
            problems.add("objectKey: is required (e.g. logs/app/%d{yyyy-MM-dd}/host-1-%i.log)");
        } else if (key.startsWith("/")) {
            problems.add("objectKey: '" + key + "' must not start with '/'");
        } else if (key.contains("${") || key.contains("_IS_UNDEFINED")) {
            problems.add("objectKey: '" + key + "' holds a variable the configuration did not resolve;"
                    + " define it, or check the value it was given");
        } else {
            try {
                ObjectKeyPattern.parse(key);
            } catch (IllegalArgumentException e) {
                problems.add("objectKey: " + e.getMessage());
            }
        }
    }

    /** Scheme, host and port of the endpoint, or null (with a problem). */
    URI endpoint() {
        String endpoint = values.get(Setting.ENDPOINT);
        if (endpoint == null) {
            problems.add("endpoint: is required (e.g. https://oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000)");
            return null;
        }
        String text = endpoint.contains("://") ? endpoint : "https://" + endpoint;
        URI uri;
        try {
            uri = new URI(text);
        } catch (Exception e) {
            problems.add("endpoint: '" + endpoint + "' is not a URL (" + e.getMessage() + ")");
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath();
        String bucket = values.get(Setting.BUCKET);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            problems.add("endpoint: '" + endpoint + "' must use http or https");
        } else if (uri.getHost() == null) {
            problems.add("endpoint: '" + endpoint + "' has no host name");
        } else if (path != null && !path.isEmpty() && !path.equals("/")) {
            problems.add("endpoint: '" + endpoint + "' must not have a path (put the bucket in 'bucket' and the key in 'objectKey')");
        } else if (bucket != null && uri.getHost().toLowerCase(Locale.ROOT).startsWith(bucket + ".")) {
            problems.add("endpoint: '" + endpoint + "' starts with the bucket name; give the endpoint without it"
                    + " (e.g. https://oss-cn-hangzhou.aliyuncs.com) and the bucket in 'bucket'");
        } else {
            try {
                return new URI(scheme, null, uri.getHost(), uri.getPort(), null, null, null);
            } catch (Exception e) {
                problems.add("endpoint: '" + endpoint + "' is not a URL (" + e.getMessage() + ")");
            }
        }
        return null;
    }

    /**
     * The region to sign with: the setting, else (V4 only) the one the endpoint names; null with V1
     * when none is set. With V4 and no region, a problem asks for {@code region}.
     */
    String region(URI endpoint) {
        String region = values.get(Setting.REGION);
        if (values.get(Setting.SIGNATURE_VERSION) != SignatureVersion.V4) {
            return region;
        }
        if (region == null) {
            region = endpoint == null ? null : RegionInference.fromHost(endpoint.getHost());
            if (region == null) {
                problems.add("region: is required with signatureVersion V4"
                        + (endpoint == null ? "" : " for endpoint " + endpoint.getHost())
                        + " (e.g. cn-hangzhou; it is inferred only from oss-<region>.aliyuncs.com and"
                        + " oss-<region>-internal.aliyuncs.com); set it or use signatureVersion V1");
            }
        } else if (!region.matches("[a-z0-9][a-z0-9-]*") || region.startsWith("oss-")) {
            problems.add("region: '" + region + "' is not a region id (e.g. cn-hangzhou, without the 'oss-' prefix)");
        }
        return region;
    }

    /** A journal directory that is a path at all, and a journal that holds at least a few of the largest events. */
    private void journal() {
        String dir = values.get(Setting.JOURNAL_DIRECTORY);
        if (dir == null) {
            return;
        }
        try {
            java.nio.file.Paths.get(dir);
        } catch (java.nio.file.InvalidPathException e) {
            problems.add(Setting.JOURNAL_DIRECTORY + ": '" + dir + "' is not a path: " + e.getReason());
        }
        Long journal = values.get(Setting.MAX_JOURNAL_BYTES);
        Long event = values.get(Setting.MAX_EVENT_BYTES);
        if (journal != null && event != null && !outOfRange(Setting.MAX_JOURNAL_BYTES, Setting.MAX_EVENT_BYTES)
                && journal < 4 * event) {
            problems.add(Setting.MAX_JOURNAL_BYTES + ": " + journal + " holds fewer than four maxEventBytes " + event
                    + " events; raise it to at least " + 4 * event);
        }
    }
}
