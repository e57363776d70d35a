package io.github.appendlog.config;

import io.github.appendlog.delivery.ObjectKeyPattern;
import io.github.appendlog.buffer.EventBuffer;
import io.github.appendlog.oss.sign.Credentials;
import io.github.appendlog.oss.sign.CredentialsProvider;
import io.github.appendlog.oss.sign.ProfileFileCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything an appender needs, checked once. Built by {@link Builder}, whose {@code build()} reports
 * every problem at once, each naming its setting. Both framework adapters map their XML onto the
 * builder's setters, whose names are the XML names. {@link #toString()} never shows a secret.
 */
public final class AppendlogConfig {
    public static final long KIB = 1024;
    public static final long MIB = 1024 * KIB;
    public static final long GIB = 1024 * MIB;
    /** OSS refuses to grow an append object past 5 GiB. */
    public static final long OSS_MAX_OBJECT_BYTES = 5 * GIB;

    private final String name;
    private final URI endpoint;
    private final String region;
    private final String bucket;
    private final String objectKey;
    private final CredentialsProvider credentials;
    private final SignatureVersion signatureVersion;
    private final String contentType;
    private final long maxBufferBytes;
    private final long maxBatchBytes;
    private final long maxEventBytes;
    private final long maxObjectBytes;
    private final Duration flushInterval;
    private final OverflowPolicy overflowPolicy;
    private final Duration maxBlockTime;
    private final int discardThreshold;
    private final Duration shutdownTimeout;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final Duration retryBaseDelay;
    private final Duration retryMaxDelay;
    private final Duration dropReportInterval;
    private final String trustStore;
    private final String trustStorePassword;
    private final boolean encodeOnCallerThread;

    private AppendlogConfig(Builder b, URI endpoint, CredentialsProvider credentials, long maxObjectBytes) {
        this.name = b.name;
        this.endpoint = endpoint;
        this.region = b.region;
        this.bucket = b.bucket;
        this.objectKey = b.objectKey;
        this.credentials = credentials;
        this.signatureVersion = b.signatureVersion;
        this.contentType = b.contentType;
        this.maxBufferBytes = b.maxBufferBytes;
        this.maxBatchBytes = b.maxBatchBytes;
        this.maxEventBytes = b.maxEventBytes;
        this.maxObjectBytes = maxObjectBytes;
        this.flushInterval = b.flushInterval;
        this.overflowPolicy = b.overflowPolicy;
        this.maxBlockTime = b.maxBlockTime;
        this.discardThreshold = b.discardThreshold;
        this.shutdownTimeout = b.shutdownTimeout;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.maxRetries = b.maxRetries;
        this.retryBaseDelay = b.retryBaseDelay;
        this.retryMaxDelay = b.retryMaxDelay;
        this.dropReportInterval = b.dropReportInterval;
        this.encodeOnCallerThread = b.encodeOnCallerThread;
        this.trustStore = b.trustStore;
        this.trustStorePassword = b.trustStorePassword;
    }

    public static Builder builder() {
        return new Builder();
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
        return region;
    }

    public String bucket() {
        return bucket;
    }

    /** The object key pattern, e.g. {@code logs/app/%d{yyyy-MM-dd}/host-1-%i.log}. */
    public String objectKey() {
        return objectKey;
    }

    /** The credentials in use now (a credentials file may change them while the appender runs). */
    public Credentials credentials() {
        return credentials.credentials();
    }

    /** Where the credentials come from: fixed ones, or a credentials file read again after a change. */
    public CredentialsProvider credentialsProvider() {
        return credentials;
    }

    public SignatureVersion signatureVersion() {
        return signatureVersion;
    }

    /** Content-Type sent on the creating append. */
    public String contentType() {
        return contentType;
    }

    public long maxBufferBytes() {
        return maxBufferBytes;
    }

    public long maxBatchBytes() {
        return maxBatchBytes;
    }

    public long maxEventBytes() {
        return maxEventBytes;
    }

    /** Roll to the next object index before an object would grow past this. */
    public long maxObjectBytes() {
        return maxObjectBytes;
    }

    public Duration flushInterval() {
        return flushInterval;
    }

    public OverflowPolicy overflowPolicy() {
        return overflowPolicy;
    }

    public Duration maxBlockTime() {
        return maxBlockTime;
    }

    /** Percent of {@code maxBufferBytes} above which events below WARN are dropped. */
    public int discardThreshold() {
        return discardThreshold;
    }

    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long to wait for a reply to one request. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Retries of one append on transient errors before the batch goes back to the pipeline. */
    public int maxRetries() {
        return maxRetries;
    }

    public Duration retryBaseDelay() {
        return retryBaseDelay;
    }

    public Duration retryMaxDelay() {
        return retryMaxDelay;
    }

    /** Drops are reported at most once per this interval. */
    public Duration dropReportInterval() {
        return dropReportInterval;
    }

    /** Path of a trust store (JKS or PKCS12) for HTTPS, or null for the JDK's default trust. */
    public String trustStore() {
        return trustStore;
    }

    /** Password of {@link #trustStore()}, or null. */
    public String trustStorePassword() {
        return trustStorePassword;
    }

    /**
     * Whether adapters encode each event on the logging thread (true) or hand the event over and let
     * the pipeline's encoder thread encode it (false, the default: the log call costs less).
     */
    public boolean encodeOnCallerThread() {
        return encodeOnCallerThread;
    }

    @Override
    public String toString() {
        return "AppendlogConfig{name=" + name + ", endpoint=" + endpoint + ", region=" + region + ", bucket="
                + bucket + ", objectKey=" + objectKey + ", credentials=" + credentials + ", signatureVersion="
                + signatureVersion + ", maxBufferBytes=" + maxBufferBytes + ", maxBatchBytes=" + maxBatchBytes
                + ", maxEventBytes=" + maxEventBytes + ", maxObjectBytes=" + maxObjectBytes + ", flushInterval="
                + flushInterval + ", overflowPolicy=" + overflowPolicy + ", maxBlockTime=" + maxBlockTime
                + ", discardThreshold=" + discardThreshold + ", shutdownTimeout=" + shutdownTimeout
                + ", encodeOnCallerThread=" + encodeOnCallerThread + "}";
    }

    /**
     * Collects settings. Setters taking a {@code String} parse what users type in XML and record a
     * problem (naming the setting) instead of throwing; {@link #build()} throws one
     * {@link InvalidConfigException} listing them all.
     */
    public static final class Builder {
        private final List<String> problems = new ArrayList<>();
        private Map<String, String> environment = System.getenv();
        private Path defaultCredentialsFile = Paths.get(System.getProperty("user.home", "."), ".oss", "credentials");

        private String name = "appendlog";
        private String endpoint;
        private String region;
        private String bucket;
        private String objectKey;
        private String accessKeyId;
        private String accessKeySecret;
        private String securityToken;
        private String credentialsFile;
        private SignatureVersion signatureVersion = SignatureVersion.V4;
        private String contentType = "text/plain; charset=utf-8";
        private long maxBufferBytes = 32 * MIB;
        private long maxBatchBytes = 4 * MIB;
        private long maxEventBytes = MIB;
        private Long maxObjectBytes;
        private Duration flushInterval = Duration.ofSeconds(1);
        private OverflowPolicy overflowPolicy = OverflowPolicy.DROP;
        private Duration maxBlockTime = Duration.ofSeconds(1);
        private int discardThreshold = 80;
        private Duration shutdownTimeout = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int maxRetries = 5;
        private Duration retryBaseDelay = Duration.ofMillis(200);
        private Duration retryMaxDelay = Duration.ofSeconds(30);
        private Duration dropReportInterval = Duration.ofSeconds(30);
        private String trustStore;
        private String trustStorePassword;
        private boolean encodeOnCallerThread;

        private Builder() {
        }

        /** Where {@code OSS_ACCESS_KEY_ID}, {@code OSS_ACCESS_KEY_SECRET}, {@code OSS_SESSION_TOKEN} are read from. */
        public Builder environment(Map<String, String> environment) {
            this.environment = environment;
            return this;
        }

        public Builder name(String name) {
            this.name = blankToNull(name);
            return this;
        }

        public Builder endpoint(String endpoint) {
            this.endpoint = blankToNull(endpoint);
            return this;
        }

        public Builder region(String region) {
            this.region = blankToNull(region);
            return this;
        }

        public Builder bucket(String bucket) {
            this.bucket = blankToNull(bucket);
            return this;
        }

        public Builder objectKey(String objectKey) {
            this.objectKey = blankToNull(objectKey);
            return this;
        }

        public Builder accessKeyId(String accessKeyId) {
            this.accessKeyId = blankToNull(accessKeyId);
            return this;
        }

        public Builder accessKeySecret(String accessKeySecret) {
            this.accessKeySecret = blankToNull(accessKeySecret);
            return this;
        }

        public Builder securityToken(String securityToken) {
            this.securityToken = blankToNull(securityToken);
            return this;
        }

        /**
         * An OSS profile file ({@code [default]} with {@code oss_access_key_id},
         * {@code oss_secret_access_key}, optional {@code oss_session_token}), used unless
         * accessKeyId and accessKeySecret are set; read again when it changes or the store refuses
         * the key. Without this setting and without credentials in the settings or the environment,
         * {@code ~/.oss/credentials} is used if it exists.
         */
        public Builder credentialsFile(String path) {
            this.credentialsFile = blankToNull(path);
            return this;
        }

        /** For tests: the profile file used when no credentials are configured (default {@code ~/.oss/credentials}). */
        Builder defaultCredentialsFile(Path path) {
            this.defaultCredentialsFile = path;
            return this;
        }

        public Builder signatureVersion(SignatureVersion version) {
            this.signatureVersion = version;
            return this;
        }

        /** {@code V4} or {@code V1} (also {@code 4}, {@code 1}, {@code OSS4-HMAC-SHA256}). */
        public Builder signatureVersion(String version) {
            String v = blankToNull(version);
            if (v == null) {
                return this;
            }
            switch (v.toUpperCase(Locale.ROOT)) {
                case "V4":
                case "4":
                case "OSS4-HMAC-SHA256":
                    signatureVersion = SignatureVersion.V4;
                    break;
                case "V1":
                case "1":
                case "OSS":
                    signatureVersion = SignatureVersion.V1;
                    break;
                default:
                    problems.add("signatureVersion: '" + version + "' is not V4 or V1");
            }
            return this;
        }

        public Builder contentType(String contentType) {
            this.contentType = blankToNull(contentType);
            return this;
        }

        public Builder maxBufferBytes(long bytes) {
            this.maxBufferBytes = bytes;
            return this;
        }

        public Builder maxBufferBytes(String bytes) {
            return size("maxBufferBytes", bytes, this::maxBufferBytes);
        }

        public Builder maxBatchBytes(long bytes) {
            this.maxBatchBytes = bytes;
            return this;
        }

        public Builder maxBatchBytes(String bytes) {
            return size("maxBatchBytes", bytes, this::maxBatchBytes);
        }

        public Builder maxEventBytes(long bytes) {
            this.maxEventBytes = bytes;
            return this;
        }

        public Builder maxEventBytes(String bytes) {
            return size("maxEventBytes", bytes, this::maxEventBytes);
        }

        public Builder maxObjectBytes(long bytes) {
            this.maxObjectBytes = bytes;
            return this;
        }

        public Builder maxObjectBytes(String bytes) {
            return size("maxObjectBytes", bytes, this::maxObjectBytes);
        }

        public Builder flushInterval(Duration interval) {
            this.flushInterval = interval;
            return this;
        }

        public Builder flushInterval(String interval) {
            return duration("flushInterval", interval, this::flushInterval);
        }

        public Builder overflowPolicy(OverflowPolicy policy) {
            this.overflowPolicy = policy;
            return this;
        }

        /** {@code DROP} or {@code BLOCK}. */
        public Builder overflowPolicy(String policy) {
            String v = blankToNull(policy);
            if (v == null) {
                return this;
            }
            try {
                overflowPolicy = OverflowPolicy.valueOf(v.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("overflowPolicy: '" + policy + "' is not DROP or BLOCK");
            }
            return this;
        }

        public Builder maxBlockTime(Duration time) {
            this.maxBlockTime = time;
            return this;
        }

        public Builder maxBlockTime(String time) {
            return duration("maxBlockTime", time, this::maxBlockTime);
        }

        /** Percent (0-100) of the buffer above which events below WARN are dropped first. */
        public Builder discardThreshold(int percent) {
            this.discardThreshold = percent;
            return this;
        }

        public Builder discardThreshold(String percent) {
            return integer("discardThreshold", percent == null ? null : percent.trim().replace("%", ""),
                    this::discardThreshold);
        }

        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = timeout;
            return this;
        }

        public Builder shutdownTimeout(String timeout) {
            return duration("shutdownTimeout", timeout, this::shutdownTimeout);
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder connectTimeout(String timeout) {
            return duration("connectTimeout", timeout, this::connectTimeout);
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public Builder requestTimeout(String timeout) {
            return duration("requestTimeout", timeout, this::requestTimeout);
        }

        public Builder maxRetries(int retries) {
            this.maxRetries = retries;
            return this;
        }

        public Builder maxRetries(String retries) {
            return integer("maxRetries", retries, this::maxRetries);
        }

        public Builder retryBaseDelay(Duration delay) {
            this.retryBaseDelay = delay;
            return this;
        }

        public Builder retryBaseDelay(String delay) {
            return duration("retryBaseDelay", delay, this::retryBaseDelay);
        }

        public Builder retryMaxDelay(Duration delay) {
            this.retryMaxDelay = delay;
            return this;
        }

        public Builder retryMaxDelay(String delay) {
            return duration("retryMaxDelay", delay, this::retryMaxDelay);
        }

        public Builder dropReportInterval(Duration interval) {
            this.dropReportInterval = interval;
            return this;
        }

        public Builder dropReportInterval(String interval) {
            return duration("dropReportInterval", interval, this::dropReportInterval);
        }

        public Builder trustStore(String path) {
            this.trustStore = blankToNull(path);
            return this;
        }

        public Builder trustStorePassword(String password) {
            this.trustStorePassword = blankToNull(password);
            return this;
        }

        public Builder encodeOnCallerThread(boolean onCaller) {
            this.encodeOnCallerThread = onCaller;
            return this;
        }

        /** {@code true} or {@code false}. */
        public Builder encodeOnCallerThread(String onCaller) {
            String v = blankToNull(onCaller);
            if (v == null) {
                return this;
            }
            if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                encodeOnCallerThread = Boolean.parseBoolean(v);
            } else {
                problems.add("encodeOnCallerThread: '" + onCaller + "' is not true or false");
            }
            return this;
        }

        /**
         * Checks every rule and returns the config.
         *
         * @throws InvalidConfigException naming every setting that is missing or invalid
         */
        public AppendlogConfig build() {
            List<String> errors = new ArrayList<>(problems);
            URI uri = null;
            if (name == null) {
                errors.add("name: must not be empty");
            }
            if (endpoint == null) {
                errors.add("endpoint: is required (e.g. https://oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000)");
            } else {
                uri = parseEndpoint(endpoint, errors);
            }
            if (bucket == null) {
                errors.add("bucket: is required");
            } else if (!bucket.matches("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]")) {
                errors.add("bucket: '" + bucket + "' is not a valid bucket name (3-63 lower-case letters, digits and '-')");
            }
            if (objectKey == null) {
                errors.add("objectKey: is required (e.g. logs/app/%d{yyyy-MM-dd}/host-1-%i.log)");
            } else if (objectKey.startsWith("/")) {
                errors.add("objectKey: '" + objectKey + "' must not start with '/'");
            } else if (objectKey.contains("${") || objectKey.contains("_IS_UNDEFINED")) {
                errors.add("objectKey: '" + objectKey + "' holds a variable the configuration did not resolve;"
                        + " define it, or check the value it was given");
            } else {
                try {
                    ObjectKeyPattern.parse(objectKey);
                } catch (IllegalArgumentException e) {
                    errors.add("objectKey: " + e.getMessage());
                }
            }
            if (signatureVersion == SignatureVersion.V4) {
                if (region == null) {
                    region = regionFromEndpoint(uri);
                }
                if (region == null) {
                    errors.add("region: is required with signatureVersion V4 (e.g. cn-hangzhou); set it or use signatureVersion V1");
                } else if (!region.matches("[a-z0-9][a-z0-9-]*") || region.startsWith("oss-")) {
                    errors.add("region: '" + region + "' is not a region id (e.g. cn-hangzhou, without the 'oss-' prefix)");
                }
            }
            CredentialsProvider credentials = credentials(errors);
            if (contentType == null) {
                errors.add("contentType: must not be empty");
            }
            long maxObject = maxObjectBytes != null ? maxObjectBytes : OSS_MAX_OBJECT_BYTES - 64 * MIB;
            checkRange(errors, "maxEventBytes", maxEventBytes, 64, 64 * MIB);
            checkRange(errors, "maxBatchBytes", maxBatchBytes, 1 * KIB, 1 * GIB);
            checkRange(errors, "maxBufferBytes", maxBufferBytes, 1 * KIB, 64 * GIB);
            checkRange(errors, "maxObjectBytes", maxObject, 1 * KIB, OSS_MAX_OBJECT_BYTES);
            if (maxBatchBytes > maxBufferBytes) {
                errors.add("maxBatchBytes: " + maxBatchBytes + " is larger than maxBufferBytes " + maxBufferBytes);
            }
            if (EventBuffer.roomOf(maxEventBytes) > maxBufferBytes) {
                errors.add("maxEventBytes: " + maxEventBytes + " takes " + EventBuffer.roomOf(maxEventBytes)
                        + " bytes of buffer with its bookkeeping, more than maxBufferBytes " + maxBufferBytes);
            }
            if (maxEventBytes > maxBatchBytes) {
                errors.add("maxEventBytes: " + maxEventBytes + " is larger than maxBatchBytes " + maxBatchBytes);
            }
            if (maxBatchBytes > maxObject) {
                errors.add("maxBatchBytes: " + maxBatchBytes + " is larger than maxObjectBytes " + maxObject);
            }
            checkDuration(errors, "flushInterval", flushInterval, Duration.ofMillis(1), Duration.ofHours(1));
            checkDuration(errors, "maxBlockTime", maxBlockTime, Duration.ZERO, Duration.ofHours(1));
            checkDuration(errors, "shutdownTimeout", shutdownTimeout, Duration.ZERO, Duration.ofHours(1));
            checkDuration(errors, "connectTimeout", connectTimeout, Duration.ofMillis(1), Duration.ofHours(1));
            checkDuration(errors, "requestTimeout", requestTimeout, Duration.ofMillis(1), Duration.ofHours(1));
            checkDuration(errors, "retryBaseDelay", retryBaseDelay, Duration.ZERO, Duration.ofHours(1));
            checkDuration(errors, "retryMaxDelay", retryMaxDelay, Duration.ZERO, Duration.ofHours(1));
            checkDuration(errors, "dropReportInterval", dropReportInterval, Duration.ZERO, Duration.ofDays(1));
            if (retryBaseDelay != null && retryMaxDelay != null && retryBaseDelay.compareTo(retryMaxDelay) > 0) {
                errors.add("retryBaseDelay: " + retryBaseDelay + " is longer than retryMaxDelay " + retryMaxDelay);
            }
            checkRange(errors, "discardThreshold", discardThreshold, 0, 100);
            checkRange(errors, "maxRetries", maxRetries, 0, 1000);
            if (overflowPolicy == null) {
                errors.add("overflowPolicy: must be DROP or BLOCK");
            }
            if (signatureVersion == null) {
                errors.add("signatureVersion: must be V4 or V1");
            }
            if (!errors.isEmpty()) {
                throw new InvalidConfigException(name, errors);
            }
            return new AppendlogConfig(this, uri, credentials, maxObject);
        }

        /**
         * accessKeyId and accessKeySecret from the settings; else the credentials file if set; else
         * the environment; else {@code ~/.oss/credentials} if it exists. Null (with errors) if none.
         */
        private CredentialsProvider credentials(List<String> errors) {
            if (accessKeyId == null || accessKeySecret == null) {
                Path file = credentialsFile != null ? Paths.get(credentialsFile) : null;
                boolean fromEnvironment = blankToNull(environment.get("OSS_ACCESS_KEY_ID")) != null
                        || blankToNull(environment.get("OSS_ACCESS_KEY_SECRET")) != null;
                if (file == null && !fromEnvironment && defaultCredentialsFile != null
                        && Files.isRegularFile(defaultCredentialsFile)) {
                    file = defaultCredentialsFile;
                }
                if (file != null) {
                    try {
                        return ProfileFileCredentials.load(file);
                    } catch (IOException e) {
                        errors.add("credentialsFile: " + e.getMessage());
                        return null;
                    }
                }
            }
            String id = accessKeyId != null ? accessKeyId : blankToNull(environment.get("OSS_ACCESS_KEY_ID"));
            String secret = accessKeySecret != null ? accessKeySecret : blankToNull(environment.get("OSS_ACCESS_KEY_SECRET"));
            String token = securityToken != null ? securityToken : blankToNull(environment.get("OSS_SESSION_TOKEN"));
            if (id == null) {
                errors.add("accessKeyId: is required (set it, OSS_ACCESS_KEY_ID in the environment, or credentialsFile)");
            }
            if (secret == null) {
                errors.add("accessKeySecret: is required (set it, OSS_ACCESS_KEY_SECRET in the environment, or credentialsFile)");
            }
            return id == null || secret == null ? null : CredentialsProvider.of(new Credentials(id, secret, token));
        }

        private static URI parseEndpoint(String endpoint, List<String> errors) {
            String text = endpoint.contains("://") ? endpoint : "https://" + endpoint;
            try {
                URI uri = new URI(text);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    errors.add("endpoint: '" + endpoint + "' must use http or https");
                    return null;
                }
                if (uri.getHost() == null) {
                    errors.add("endpoint: '" + endpoint + "' has no host name");
                    return null;
                }
                if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
                    errors.add("endpoint: '" + endpoint + "' must not have a path (put the bucket in 'bucket' and the key in 'objectKey')");
                    return null;
                }
                return new URI(scheme, null, uri.getHost(), uri.getPort(), null, null, null);
            } catch (Exception e) {
                errors.add("endpoint: '" + endpoint + "' is not a URL (" + e.getMessage() + ")");
                return null;
            }
        }

        /** {@code oss-cn-hangzhou.aliyuncs.com} and {@code oss-cn-hangzhou-internal.aliyuncs.com} give {@code cn-hangzhou}. */
        static String regionFromEndpoint(URI uri) {
            if (uri == null) {
                return null;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("(?:^|\\.)oss-([a-z0-9-]+?)(?:-internal)?\\.aliyuncs\\.com$")
                    .matcher(uri.getHost().toLowerCase(Locale.ROOT));
            return m.find() ? m.group(1) : null;
        }

        private Builder size(String setting, String text, Consumer<Long> target) {
            if (blankToNull(text) == null) {
                return this;
            }
            try {
                target.accept(ConfigValues.parseBytes(text));
            } catch (IllegalArgumentException e) {
                problems.add(setting + ": " + e.getMessage());
            }
            return this;
        }

        private Builder duration(String setting, String text, Consumer<Duration> target) {
            if (blankToNull(text) == null) {
                return this;
            }
            try {
                target.accept(ConfigValues.parseDuration(text));
            } catch (IllegalArgumentException e) {
                problems.add(setting + ": " + e.getMessage());
            }
            return this;
        }

        private Builder integer(String setting, String text, Consumer<Integer> target) {
            if (blankToNull(text) == null) {
                return this;
            }
            try {
                target.accept(Integer.parseInt(text.trim()));
            } catch (NumberFormatException e) {
                problems.add(setting + ": '" + text + "' is not a whole number");
            }
            return this;
        }

        private static void checkRange(List<String> errors, String setting, long value, long min, long max) {
            if (value < min || value > max) {
                errors.add(setting + ": " + value + " is out of range [" + min + ", " + max + "]");
            }
        }

        private static void checkDuration(List<String> errors, String setting, Duration value, Duration min, Duration max) {
            if (value == null) {
                errors.add(setting + ": must be set");
            } else if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                errors.add(setting + ": " + value + " is out of range [" + min + ", " + max + "]");
            }
        }

        private static String blankToNull(String s) {
            return s == null || s.trim().isEmpty() ? null : s.trim();
        }
    }
}
