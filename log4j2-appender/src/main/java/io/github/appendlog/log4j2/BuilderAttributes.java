package io.github.appendlog.log4j2;

import io.github.appendlog.config.AppendlogConfig;
import java.lang.reflect.Field;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginElement;

/**
 * The XML attributes of {@code <AppendObject>}: one field per core
 * {@link io.github.appendlog.config.Setting}, named as the setting, kept as text and handed by
 * {@link #toConfig()} to core, which parses {@code 4 MB} or {@code 30 seconds} and names the setting
 * in every problem. The secret settings are {@code sensitive}: Log4j2 never prints them. Layout,
 * filter, {@code ignoreExceptions} and the name are Log4j2's own ({@link AbstractAppender.Builder}).
 *
 * @param <B> the concrete builder
 */
abstract class BuilderAttributes<B extends BuilderAttributes<B>> extends AbstractAppender.Builder<B> {

    @PluginBuilderAttribute
    private String endpoint;

    @PluginBuilderAttribute
    private String region;

    @PluginBuilderAttribute
    private String bucket;

    @PluginBuilderAttribute
    private String objectKey;

    @PluginBuilderAttribute
    private String accessKeyId;

    @PluginBuilderAttribute(sensitive = true)
    private String accessKeySecret;

    @PluginBuilderAttribute(sensitive = true)
    private String securityToken;

    @PluginBuilderAttribute
    private String credentialsFile;

    @PluginBuilderAttribute
    private String credentialsProvider;

    @PluginBuilderAttribute
    private String ecsMetadataEndpoint;

    @PluginBuilderAttribute
    private String stsEndpoint;

    @PluginBuilderAttribute
    private String signatureVersion;

    @PluginBuilderAttribute
    private String contentType;

    @PluginBuilderAttribute
    private String compression;

    @PluginBuilderAttribute
    private String compressionLevel;

    @PluginBuilderAttribute
    private String maxBufferBytes;

    @PluginBuilderAttribute
    private String maxBatchBytes;

    @PluginBuilderAttribute
    private String maxEventBytes;

    @PluginBuilderAttribute
    private String maxObjectBytes;

    @PluginBuilderAttribute
    private String flushInterval;

    @PluginBuilderAttribute
    private String overflowPolicy;

    @PluginBuilderAttribute
    private String maxBlockTime;

    @PluginBuilderAttribute
    private String discardThreshold;

    @PluginBuilderAttribute
    private String shutdownTimeout;

    @PluginBuilderAttribute
    private String connectTimeout;

    @PluginBuilderAttribute
    private String requestTimeout;

    @PluginBuilderAttribute
    private String maxRetries;

    @PluginBuilderAttribute
    private String retryBaseDelay;

    @PluginBuilderAttribute
    private String retryMaxDelay;

    @PluginBuilderAttribute
    private String dropReportInterval;

    @PluginBuilderAttribute
    private String proxy;

    @PluginBuilderAttribute
    private String trustStore;

    @PluginBuilderAttribute(sensitive = true)
    private String trustStorePassword;

    @PluginBuilderAttribute
    private String encodeOnCallerThread;

    @PluginBuilderAttribute
    private String metrics;

    @PluginBuilderAttribute
    private String journalDirectory;

    @PluginBuilderAttribute
    private String maxJournalBytes;

    @PluginBuilderAttribute
    private String journalSync;

    @PluginBuilderAttribute
    private String journalSyncInterval;

    @PluginBuilderAttribute
    private String journalOverflowPolicy;
    /** Where dropped events go (optional). */
    @PluginElement("AppenderRef")
    private AppenderRef fallback;

    public B setEndpoint(String endpoint) {
        this.endpoint = endpoint;
        return asBuilder();
    }

    public B setRegion(String region) {
        this.region = region;
        return asBuilder();
    }

    public B setBucket(String bucket) {
        this.bucket = bucket;
        return asBuilder();
    }

    public B setObjectKey(String objectKey) {
        this.objectKey = objectKey;
        return asBuilder();
    }

    public B setAccessKeyId(String accessKeyId) {
        this.accessKeyId = accessKeyId;
        return asBuilder();
    }

    public B setAccessKeySecret(String accessKeySecret) {
        this.accessKeySecret = accessKeySecret;
        return asBuilder();
    }

    public B setSecurityToken(String securityToken) {
        this.securityToken = securityToken;
        return asBuilder();
    }

    public B setCredentialsFile(String credentialsFile) {
        this.credentialsFile = credentialsFile;
        return asBuilder();
    }

    public B setCredentialsProvider(String credentialsProvider) {
        this.credentialsProvider = credentialsProvider;
        return asBuilder();
    }

    public B setEcsMetadataEndpoint(String ecsMetadataEndpoint) {
        this.ecsMetadataEndpoint = ecsMetadataEndpoint;
        return asBuilder();
    }

    public B setStsEndpoint(String stsEndpoint) {
        this.stsEndpoint = stsEndpoint;
        return asBuilder();
    }

    public B setSignatureVersion(String signatureVersion) {
        this.signatureVersion = signatureVersion;
        return asBuilder();
    }

    public B setContentType(String contentType) {
        this.contentType = contentType;
        return asBuilder();
    }

    public B setCompression(String compression) {
        this.compression = compression;
        return asBuilder();
    }

    public B setCompressionLevel(String compressionLevel) {
        this.compressionLevel = compressionLevel;
        return asBuilder();
    }

    public B setMaxBufferBytes(String maxBufferBytes) {
        this.maxBufferBytes = maxBufferBytes;
        return asBuilder();
    }

    public B setMaxBatchBytes(String maxBatchBytes) {
        this.maxBatchBytes = maxBatchBytes;
        return asBuilder();
    }

    public B setMaxEventBytes(String maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
        return asBuilder();
    }

    public B setMaxObjectBytes(String maxObjectBytes) {
        this.maxObjectBytes = maxObjectBytes;
        return asBuilder();
    }

    public B setFlushInterval(String flushInterval) {
        this.flushInterval = flushInterval;
        return asBuilder();
    }

    public B setOverflowPolicy(String overflowPolicy) {
        this.overflowPolicy = overflowPolicy;
        return asBuilder();
    }

    public B setMaxBlockTime(String maxBlockTime) {
        this.maxBlockTime = maxBlockTime;
        return asBuilder();
    }

    public B setDiscardThreshold(String discardThreshold) {
        this.discardThreshold = discardThreshold;
        return asBuilder();
    }

    public B setShutdownTimeout(String shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
        return asBuilder();
    }

    public B setConnectTimeout(String connectTimeout) {
        this.connectTimeout = connectTimeout;
        return asBuilder();
    }

    public B setRequestTimeout(String requestTimeout) {
        this.requestTimeout = requestTimeout;
        return asBuilder();
    }

    public B setMaxRetries(String maxRetries) {
        this.maxRetries = maxRetries;
        return asBuilder();
    }

    public B setRetryBaseDelay(String retryBaseDelay) {
        this.retryBaseDelay = retryBaseDelay;
        return asBuilder();
    }

    public B setRetryMaxDelay(String retryMaxDelay) {
        this.retryMaxDelay = retryMaxDelay;
        return asBuilder();
    }

    public B setDropReportInterval(String dropReportInterval) {
        this.dropReportInterval = dropReportInterval;
        return asBuilder();
    }

    public B setProxy(String proxy) {
        this.proxy = proxy;
        return asBuilder();
    }

    public B setTrustStore(String trustStore) {
        this.trustStore = trustStore;
        return asBuilder();
    }

    public B setTrustStorePassword(String trustStorePassword) {
        this.trustStorePassword = trustStorePassword;
        return asBuilder();
    }

    public B setEncodeOnCallerThread(String encodeOnCallerThread) {
        this.encodeOnCallerThread = encodeOnCallerThread;
        return asBuilder();
    }

    public B setMetrics(String metrics) {
        this.metrics = metrics;
        return asBuilder();
    }

    public B setJournalDirectory(String journalDirectory) {
        this.journalDirectory = journalDirectory;
        return asBuilder();
    }

    public B setMaxJournalBytes(String maxJournalBytes) {
        this.maxJournalBytes = maxJournalBytes;
        return asBuilder();
    }

    public B setJournalSync(String journalSync) {
        this.journalSync = journalSync;
        return asBuilder();
    }

    public B setJournalSyncInterval(String journalSyncInterval) {
        this.journalSyncInterval = journalSyncInterval;
        return asBuilder();
    }

    public B setJournalOverflowPolicy(String journalOverflowPolicy) {
        this.journalOverflowPolicy = journalOverflowPolicy;
        return asBuilder();
    }

    public B setFallback(AppenderRef fallback) {
        this.fallback = fallback;
        return asBuilder();
    }

    AppenderRef getFallback() {
        return fallback;
    }

    /**
     * The core builder with every attribute that is set, each handed to the core setting of the
     * field's name; its {@code build()} checks them all. Absent attributes keep core's defaults.
     */
    AppendlogConfig.Builder toConfig() {
        AppendlogConfig.Builder b = AppendlogConfig.builder().name(getName());
        for (Field field : BuilderAttributes.class.getDeclaredFields()) {
            if (field.isAnnotationPresent(PluginBuilderAttribute.class)) {
                try {
                    String value = (String) field.get(this);
                    if (value != null) {
                        b.set(field.getName(), value);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return b;
    }
}
