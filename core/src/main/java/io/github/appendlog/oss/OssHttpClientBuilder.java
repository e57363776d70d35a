package io.github.appendlog.oss;

import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.credentials.CredentialsProvider;
import io.github.appendlog.oss.sign.OssV1Signer;
import io.github.appendlog.oss.sign.OssV4Signer;
import io.github.appendlog.oss.sign.RequestSigner;
import io.github.appendlog.pipeline.PipelineThreadFactory;
import io.github.appendlog.status.StatusReporter;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/** The pieces of an {@link OssHttpClient}; {@link #build()} checks that the required ones are set. */
public final class OssHttpClientBuilder {
    URI endpoint;
    String bucket;
    CredentialsProvider credentials;
    RequestSigner signer;
    String region;
    Duration connectTimeout = Duration.ofSeconds(10);
    Duration requestTimeout = Duration.ofSeconds(30);
    String contentType = "application/octet-stream";
    Path trustStore;
    char[] trustStorePassword;
    String proxy;
    Clock clock = Clock.systemUTC();
    int listPageKeys = 1000;
    ThreadFactory threads = new PipelineThreadFactory("request-deadline", "oss", StatusReporter.NONE);

    OssHttpClientBuilder() {
    }

    /** Scheme, host and port, e.g. {@code http://127.0.0.1:9000}. */
    public OssHttpClientBuilder endpoint(URI endpoint) {
        this.endpoint = endpoint;
        return this;
    }

    public OssHttpClientBuilder endpoint(String endpoint) {
        return endpoint(URI.create(endpoint));
    }

    public OssHttpClientBuilder bucket(String bucket) {
        this.bucket = bucket;
        return this;
    }

    public OssHttpClientBuilder credentials(Credentials credentials) {
        this.credentials = credentials == null ? null : CredentialsProvider.of(credentials);
        return this;
    }

    /** Credentials asked for per request, and refreshed when the store refuses them. */
    public OssHttpClientBuilder credentials(CredentialsProvider credentials) {
        this.credentials = credentials;
        return this;
    }

    /**
     * @param region the V4 signing region, named in signature error messages; null with V1
     */
    public OssHttpClientBuilder signer(RequestSigner signer, String region) {
        this.signer = signer;
        this.region = region;
        return this;
    }

    /** V4 signing for {@code region}. */
    public OssHttpClientBuilder v4(String region) {
        return signer(new OssV4Signer(region), region);
    }

    /** V1 signing. */
    public OssHttpClientBuilder v1() {
        return signer(new OssV1Signer(), null);
    }

    public OssHttpClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    /**
     * The deadline of one request, sending the body included: a request still running then is
     * cancelled (its connection closed), and silence on a read ends it too.
     */
    public OssHttpClientBuilder requestTimeout(Duration timeout) {
        this.requestTimeout = timeout;
        return this;
    }

    /** Sent on the creating append only; null sends none. */
    public OssHttpClientBuilder contentType(String contentType) {
        this.contentType = contentType;
        return this;
    }

    /** A JKS or PKCS12 file with the certificates to trust instead of the JDK's defaults. */
    public OssHttpClientBuilder trustStore(Path trustStore, String password) {
        this.trustStore = trustStore;
        this.trustStorePassword = password == null ? null : password.toCharArray();
        return this;
    }

    /** The {@code proxy} setting: null for the JVM's proxy settings, {@code none}, or {@code http://host:port} ({@link ProxyRoutes}). */
    public OssHttpClientBuilder proxy(String proxy) {
        this.proxy = proxy;
        return this;
    }

    /** Makes the daemon thread that cancels requests at their deadline. */
    public OssHttpClientBuilder threads(ThreadFactory threads) {
        this.threads = threads;
        return this;
    }

    /** Keys asked for per listing page (1 to 1000, default 1000). */
    public OssHttpClientBuilder listPageKeys(int keys) {
        this.listPageKeys = keys;
        return this;
    }

    /** Where signing times come from. */
    public OssHttpClientBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** @throws IOException when the trust store cannot be read */
    public OssHttpClient build() throws IOException {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(threads, "threads");
        return new OssHttpClient(this);
    }
}
