package io.github.appendlog.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.github.appendlog.config.AppendlogConfig;
import java.util.Map;

/**
 * The XML settings of {@link AppendObjectAppender}: one {@code set<Name>(String)} per core
 * {@link io.github.appendlog.config.Setting}, in README order, each handing the text to core's
 * builder, which parses it and names the setting in every problem ({@code SettingsMappingTest}
 * checks that every setting has its setter). Public only because Logback sets bean properties
 * through reflection; not meant to be extended elsewhere.
 */
public abstract class AppenderSettings extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private final AppendlogConfig.Builder settings = AppendlogConfig.builder();

    AppenderSettings() {
    }

    /** The core settings as the XML set them. */
    AppendlogConfig.Builder settings() {
        return settings;
    }

    /** For tests: where the credential fallbacks ({@code OSS_ACCESS_KEY_ID}...) are read from. */
    void setEnvironment(Map<String, String> environment) {
        settings.environment(environment);
    }

    public void setEndpoint(String endpoint) {
        settings.endpoint(endpoint);
    }

    public void setRegion(String region) {
        settings.region(region);
    }

    public void setBucket(String bucket) {
        settings.bucket(bucket);
    }

    public void setObjectKey(String objectKey) {
        settings.objectKey(objectKey);
    }

    public void setAccessKeyId(String accessKeyId) {
        settings.accessKeyId(accessKeyId);
    }

    public void setAccessKeySecret(String accessKeySecret) {
        settings.accessKeySecret(accessKeySecret);
    }

    public void setSecurityToken(String securityToken) {
        settings.securityToken(securityToken);
    }

    /** An OSS profile file ({@code ~/.oss/credentials} format), read again when it changes or the key is refused. */
    public void setCredentialsFile(String path) {
        settings.credentialsFile(path);
    }

    /** A class of yours implementing {@code io.github.appendlog.credentials.CredentialsProvider}. */
    public void setCredentialsProvider(String className) {
        settings.credentialsProvider(className);
    }

    public void setEcsMetadataEndpoint(String url) {
        settings.ecsMetadataEndpoint(url);
    }

    public void setStsEndpoint(String url) {
        settings.stsEndpoint(url);
    }

    public void setSignatureVersion(String signatureVersion) {
        settings.signatureVersion(signatureVersion);
    }

    public void setContentType(String contentType) {
        settings.contentType(contentType);
    }

    public void setCompression(String compression) {
        settings.compression(compression);
    }

    public void setCompressionLevel(String level) {
        settings.compressionLevel(level);
    }

    public void setMaxBufferBytes(String size) {
        settings.maxBufferBytes(size);
    }

    public void setMaxBatchBytes(String size) {
        settings.maxBatchBytes(size);
    }

    public void setMaxEventBytes(String size) {
        settings.maxEventBytes(size);
    }

    public void setMaxObjectBytes(String size) {
        settings.maxObjectBytes(size);
    }

    public void setFlushInterval(String duration) {
        settings.flushInterval(duration);
    }

    public void setOverflowPolicy(String policy) {
        settings.overflowPolicy(policy);
    }

    public void setMaxBlockTime(String duration) {
        settings.maxBlockTime(duration);
    }

    public void setDiscardThreshold(String percent) {
        settings.discardThreshold(percent);
    }

    public void setShutdownTimeout(String duration) {
        settings.shutdownTimeout(duration);
    }

    public void setConnectTimeout(String duration) {
        settings.connectTimeout(duration);
    }

    public void setRequestTimeout(String duration) {
        settings.requestTimeout(duration);
    }

    public void setMaxRetries(String retries) {
        settings.maxRetries(retries);
    }

    public void setRetryBaseDelay(String duration) {
        settings.retryBaseDelay(duration);
    }

    public void setRetryMaxDelay(String duration) {
        settings.retryMaxDelay(duration);
    }

    public void setDropReportInterval(String duration) {
        settings.dropReportInterval(duration);
    }

    public void setProxy(String proxy) {
        settings.proxy(proxy);
    }

    public void setTrustStore(String path) {
        settings.trustStore(path);
    }

    public void setTrustStorePassword(String password) {
        settings.trustStorePassword(password);
    }

    public void setEncodeOnCallerThread(String onCaller) {
        settings.encodeOnCallerThread(onCaller);
    }

    public void setMetrics(String metrics) {
        settings.metrics(metrics);
    }

    public void setJournalDirectory(String journalDirectory) {
        settings.journalDirectory(journalDirectory);
    }

    public void setMaxJournalBytes(String maxJournalBytes) {
        settings.maxJournalBytes(maxJournalBytes);
    }

    public void setJournalSync(String journalSync) {
        settings.journalSync(journalSync);
    }

    public void setJournalSyncInterval(String journalSyncInterval) {
        settings.journalSyncInterval(journalSyncInterval);
    }

    public void setJournalOverflowPolicy(String journalOverflowPolicy) {
        settings.journalOverflowPolicy(journalOverflowPolicy);
    }
}
