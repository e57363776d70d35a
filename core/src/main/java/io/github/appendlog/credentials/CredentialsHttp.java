package io.github.appendlog.credentials;

import io.github.appendlog.oss.ProxyRoutes;
import io.github.appendlog.oss.QuietConnectionFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client of the network credential sources (instance metadata, STS, a credentials URI):
 * HttpClient 5 classic, each request with the connect and response timeouts its source gives, no
 * redirects, no automatic retries, no cookies, no connection kept between requests (fetches are
 * rare), {@code User-Agent: appendlog}, {@code Accept-Encoding: identity}, and connections that
 * never log headers or bytes, through the store's proxy rule ({@link ProxyRoutes}) except to the
 * instance-metadata host, which is always reached directly. The client is built at the first request, so an unused instance costs
 * nothing; {@link #close()} releases it, and a request after that builds a new one (a provider closed
 * at a stop may be started again). Errors are {@link IOException}s naming the method and the
 * URL without its query or user info (a query may carry a signature or a token). Thread-safe.
 */
final class CredentialsHttp implements AutoCloseable {
    /** The most a reply body may hold; credential replies are a few kilobytes. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private final Consumer<URI> observer;
    private final String proxy;
    private final String directHost;
    private CloseableHttpClient client;

    CredentialsHttp() {
        this(uri -> { });
    }

    /** @param observer told of every request's URL before it is sent (tests check where requests go) */
    CredentialsHttp(Consumer<URI> observer) {
        this(observer, null, null);
    }

    /**
     * @param proxy the {@code proxy} setting ({@link ProxyRoutes}): null for the JVM's proxy settings
     * @param directHost a host always reached directly (the instance-metadata service's), or null
     */
    CredentialsHttp(Consumer<URI> observer, String proxy, String directHost) {
        this.observer = observer;
        this.proxy = proxy;
        this.directHost = directHost;
    }

    /** A reply: its status, its body as UTF-8 text, and its headers. */
    static final class Reply {
        final int status;
        final String body;
        private final Header[] headers;

        Reply(int status, String body, Header[] headers) {
            this.status = status;
            this.body = body;
            this.headers = headers;
        }

        /** The first value of header {@code name} (case-insensitive), or null. */
        String header(String name) {
            for (Header h : headers) {
                if (h.getName().equalsIgnoreCase(name)) {
                    return h.getValue();
                }
            }
            return null;
        }
    }

    /**
     * Sends one request and reads the whole reply, whatever its status.
     *
     * @param headers extra request headers (never shown in a message)
     * @param formBody an {@code application/x-www-form-urlencoded} body, or null for none
     * @throws IOException when no reply came (refused, timed out, reset) or it was too long; the
     *         message names the method and {@link #safe(URI)} of the URL
     */
    Reply send(String method, URI url, Map<String, String> headers, String formBody, Duration connectTimeout,
            Duration responseTimeout) throws IOException {
        observer.accept(url);
        HttpUriRequestBase request = new HttpUriRequestBase(method, url);
        request.setConfig(config(connectTimeout, responseTimeout));
        request.setHeader("Accept-Encoding", "identity");
        headers.forEach(request::setHeader);
        if (formBody != null) {
            request.setEntity(new StringEntity(formBody, ContentType.APPLICATION_FORM_URLENCODED));
        }
        try {
            return client().execute(request, response -> read(response, method, url));
        } catch (IOException | RuntimeException e) {
            // RuntimeException: a client closed meanwhile, an unusable URL; a failed fetch all the same.
            throw failure(method, url, e);
        }
    }

    @SuppressWarnings("deprecation") // the per-request connect timeout is what each source needs
    private static RequestConfig config(Duration connectTimeout, Duration responseTimeout) {
        Timeout connect = Timeout.ofMilliseconds(Math.max(1, connectTimeout.toMillis()));
        return RequestConfig.custom()
                .setConnectTimeout(connect)
                .setConnectionRequestTimeout(connect)
                .setResponseTimeout(Timeout.ofMilliseconds(Math.max(1, responseTimeout.toMillis())))
                .setRedirectsEnabled(false)
                .setContentCompressionEnabled(false)
                .setExpectContinueEnabled(false)
                .build();
    }

    private static Reply read(ClassicHttpResponse response, String method, URI url) throws IOException {
        HttpEntity entity = response.getEntity();
        String body = "";
        if (entity != null) {
            try (InputStream in = entity.getContent()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] chunk = new byte[8192];
                int n;
                while ((n = in.read(chunk)) > 0) {
                    if (out.size() + n > MAX_BODY_BYTES) {
                        throw new IOException("the reply is longer than " + MAX_BODY_BYTES + " bytes");
                    }
                    out.write(chunk, 0, n);
                }
                body = new String(out.toByteArray(), StandardCharsets.UTF_8);
            }
        }
        return new Reply(response.getCode(), body, response.getHeaders());
    }

    private synchronized CloseableHttpClient client() {
        if (client == null) {
            client = HttpClients.custom()
                    .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                            .setConnectionFactory(QuietConnectionFactory.INSTANCE)
                            .setTlsSocketStrategy(DefaultClientTlsStrategy.createSystemDefault())
                            .build())
                    .setRoutePlanner(ProxyRoutes.planner(proxy, directHost))
                    .setConnectionReuseStrategy((request, response, context) -> false)
                    .disableAutomaticRetries()
                    .disableRedirectHandling()
                    .disableContentCompression()
                    .disableCookieManagement()
                    .disableAuthCaching()
                    .setUserAgent("appendlog")
                    .build();
        }
        return client;
    }

    /** Whether a client is built and not yet released (for tests). */
    synchronized boolean holdsClient() {
        return client != null;
    }

    @Override
    public void close() {
        CloseableHttpClient c;
        synchronized (this) {
            c = client;
            client = null;
        }
        if (c != null) {
            c.close(org.apache.hc.core5.io.CloseMode.IMMEDIATE);
        }
    }

    /** {@code url} without user info, query or fragment: what a message may show. */
    static String safe(URI url) {
        StringBuilder out = new StringBuilder();
        if (url.getScheme() != null) {
            out.append(url.getScheme()).append("://");
        }
        if (url.getHost() != null) {
            out.append(url.getHost());
            if (url.getPort() >= 0) {
                out.append(':').append(url.getPort());
            }
        }
        if (url.getRawPath() != null) {
            out.append(url.getRawPath());
        }
        return out.toString();
    }

    /**
     * The exception's type and message as an IOException naming the request; should the message quote
     * the URL's query or user info, they are cut out and the original is not kept as the cause.
     */
    private static IOException failure(String method, URI url, Exception e) {
        String original = e.getMessage() == null ? "" : ": " + e.getMessage();
        String message = original;
        for (String part : new String[] {url.getRawQuery(), url.getQuery(), url.getRawUserInfo(), url.getUserInfo()}) {
            if (part != null && !part.isEmpty()) {
                message = message.replace(part, "...");
            }
        }
        String text = method + " " + safe(url) + ": " + e.getClass().getSimpleName() + message;
        return message.equals(original) ? new IOException(text, e) : new IOException(text);
    }
}
