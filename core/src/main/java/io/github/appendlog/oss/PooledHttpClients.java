package io.github.appendlog.oss;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Builds the HTTP client an {@link OssHttpClient} uses: pooled keep-alive connections, connect and
 * response timeouts (stale connections are checked before reuse, so no evictor thread is needed),
 * no automatic retries (an append is not idempotent: the writer decides), no
 * redirects, no content compression, and TLS that verifies certificates and host names, optionally
 * against a trust store file; the proxy rule of {@link ProxyRoutes}. Its connections ({@link QuietConnectionFactory}) never log headers or wire
 * bytes, so raising HttpClient's log level never shows a signature or an STS token.
 */
final class PooledHttpClients {
    private static final int MAX_CONNECTIONS = 8;

    private PooledHttpClients() {
    }

    /**
     * @param trustStore a JKS or PKCS12 file, or null for the JDK's default trust
     * @param trustStorePassword its password, or null
     * @param proxy the {@code proxy} setting ({@link ProxyRoutes}), or null for the JVM's proxy settings
     */
    static CloseableHttpClient create(Duration connectTimeout, Duration requestTimeout, Path trustStore,
            char[] trustStorePassword, String proxy) throws IOException {
        Timeout connect = Timeout.ofMilliseconds(Math.max(1, connectTimeout.toMillis()));
        Timeout response = Timeout.ofMilliseconds(Math.max(1, requestTimeout.toMillis()));
        SSLContext ssl = trustStore == null ? SSLContexts.createDefault() : sslContext(trustStore, trustStorePassword);
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setConnectionFactory(QuietConnectionFactory.INSTANCE)
                .setTlsSocketStrategy(new DefaultClientTlsStrategy(ssl))
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(response)
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .build();
        RequestConfig requests = RequestConfig.custom()
                .setConnectionRequestTimeout(connect)
                .setResponseTimeout(response)
                .setRedirectsEnabled(false)
                .setContentCompressionEnabled(false)
                .setExpectContinueEnabled(false)
                .build();
        return HttpClients.custom()
                .setConnectionManager(connections)
                .setRoutePlanner(ProxyRoutes.planner(proxy))
                .setDefaultRequestConfig(requests)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("appendlog")
                .build();
    }

    /** An SSL context trusting the certificates in {@code trustStore} (type probed: PKCS12 or JKS). */
    static SSLContext sslContext(Path trustStore, char[] password) throws IOException {
        try {
            KeyStore keyStore = load(trustStore, password);
            return SSLContexts.custom().loadTrustMaterial(keyStore, null).build();
        } catch (GeneralSecurityException e) {
            throw new IOException("trustStore " + trustStore + " cannot be used: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path path, char[] password) throws IOException, GeneralSecurityException {
        IOException last = null;
        for (String type : new String[] {"PKCS12", "JKS"}) {
            KeyStore ks = KeyStore.getInstance(type);
            try (InputStream in = Files.newInputStream(path)) {
                ks.load(in, password);
                return ks;
            } catch (IOException e) {
                if (e instanceof java.nio.file.NoSuchFileException || e instanceof java.io.FileNotFoundException) {
                    throw new IOException("trustStore " + path + " does not exist", e);
                }
                last = e;
            }
        }
        throw new IOException("trustStore " + path + " is not a PKCS12 or JKS file, or trustStorePassword is wrong: "
                + last.getMessage(), last);
    }
}
