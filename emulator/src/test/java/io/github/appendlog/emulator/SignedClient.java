package io.github.appendlog.emulator;

import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.oss.sign.OssV1Signer;
import io.github.appendlog.oss.sign.OssV4Signer;
import io.github.appendlog.oss.sign.RequestSigner;
import io.github.appendlog.oss.sign.SignableRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A small test client: signs with core's signers and sends with the JDK HTTP client (path style). */
final class SignedClient {
    private final String endpoint;
    private final String bucket;
    private final Credentials credentials;
    private final RequestSigner signer;
    private final HttpClient http;
    private Duration timeout = Duration.ofSeconds(10);
    private Instant signTime;

    SignedClient(String endpoint, String bucket, Credentials credentials, RequestSigner signer, HttpClient http) {
        this.endpoint = endpoint;
        this.bucket = bucket;
        this.credentials = credentials;
        this.signer = signer;
        this.http = http;
    }

    static SignedClient v4(OssEmulator emu, String bucket, String id, String secret) {
        return new SignedClient(emu.endpoint(), bucket, new Credentials(id, secret),
                new OssV4Signer(emu.region()), HttpClient.newHttpClient());
    }

    static SignedClient v1(OssEmulator emu, String bucket, String id, String secret) {
        return new SignedClient(emu.endpoint(), bucket, new Credentials(id, secret), new OssV1Signer(),
                HttpClient.newHttpClient());
    }

    SignedClient timeout(Duration t) {
        this.timeout = t;
        return this;
    }

    SignedClient signTime(Instant t) {
        this.signTime = t;
        return this;
    }

    HttpResponse<byte[]> append(String key, long position, String body) throws IOException, InterruptedException {
        return send("POST", key, "append&position=" + position, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    HttpResponse<byte[]> put(String key, String body) throws IOException, InterruptedException {
        return send("PUT", key, "", body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    HttpResponse<byte[]> get(String key, Map<String, String> headers) throws IOException, InterruptedException {
        return send("GET", key, "", null, headers);
    }

    HttpResponse<byte[]> head(String key) throws IOException, InterruptedException {
        return send("HEAD", key, "", null, Map.of());
    }

    HttpResponse<byte[]> delete(String key) throws IOException, InterruptedException {
        return send("DELETE", key, "", null, Map.of());
    }

    HttpResponse<byte[]> send(String method, String key, String rawQuery, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        SignableRequest s = new SignableRequest(method, bucket, key);
        for (OssRequest.Param p : RequestParser.parseQuery(rawQuery)) {
            s.addQuery(p.name, p.value);
        }
        Map<String, String> h = new LinkedHashMap<>();
        if (body != null) {
            h.put("Content-Type", "application/octet-stream");
        }
        h.putAll(headers);
        h.forEach(s::header);
        signer.sign(s, credentials, signTime != null ? signTime : Instant.now());
        String path = "/" + (bucket == null ? "" : bucket + "/" + (key == null ? "" : PercentCodec.encode(key, true)));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint + path + (rawQuery.isEmpty() ? "" : "?" + rawQuery)))
                .timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, String> e : s.headers().entrySet()) {
            if (!Set.of("host", "content-length").contains(e.getKey().toLowerCase())) {
                b.header(e.getKey(), e.getValue());
            }
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }
}
