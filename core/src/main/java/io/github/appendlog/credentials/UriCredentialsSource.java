package io.github.appendlog.credentials;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Objects;

/**
 * Credentials served at a URL ({@code ALIBABA_CLOUD_CREDENTIALS_URI}): a GET of the URL exactly as
 * given (http or https, its query kept), 5 s to connect and 10 s for the reply, which must be a 2xx
 * with the JSON of instance metadata ({@code Code} {@code Success}, {@code AccessKeyId},
 * {@code AccessKeySecret}, {@code SecurityToken}, {@code Expiration}). Messages and
 * {@link #describe()} show the URL without its query or user info.
 */
final class UriCredentialsSource implements CredentialsSource {
    static final String VARIABLE = "ALIBABA_CLOUD_CREDENTIALS_URI";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(10);

    private final URI uri;
    private final CredentialsHttp http;
    private final Clock clock;

    UriCredentialsSource(URI uri, CredentialsHttp http, Clock clock) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.http = http;
        this.clock = clock;
    }

    /** {@code text} as an http(s) URL, or an IllegalArgumentException naming the variable but not the query. */
    static URI parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(VARIABLE + ": is not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException(VARIABLE + ": '" + CredentialsHttp.safe(uri)
                    + "' is not an http(s) URL with a host");
        }
        return uri;
    }

    @Override
    public Credentials fetch() throws IOException {
        CredentialsHttp.Reply reply;
        try {
            reply = http.send("GET", uri, Collections.emptyMap(), null, CONNECT_TIMEOUT, RESPONSE_TIMEOUT);
        } catch (IOException e) {
            throw new IOException(describe() + ": " + e.getMessage(), e);
        }
        if (reply.status < 200 || reply.status > 299) {
            throw new IOException(describe() + ": answered HTTP " + reply.status);
        }
        return CredentialsReplies.flat(reply.body, describe(), clock);
    }

    @Override
    public String describe() {
        return "credentials URI " + CredentialsHttp.safe(uri);
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return describe();
    }
}
