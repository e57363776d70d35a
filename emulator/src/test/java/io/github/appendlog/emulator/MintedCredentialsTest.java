package io.github.appendlog.emulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.emulator.identity.FakeCredentialsUri;
import io.github.appendlog.emulator.identity.FakeInstanceMetadata;
import io.github.appendlog.emulator.identity.FakeSts;
import io.github.appendlog.oss.sign.OssV1Signer;
import io.github.appendlog.oss.sign.OssV4Signer;
import io.github.appendlog.oss.sign.RpcSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Key pairs handed out by each fake identity service, fetched over plain HTTP as a client would,
 * sign appends the emulator accepts until the advertised expiry, then 403 SecurityTokenExpired.
 */
class MintedCredentialsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration LIFETIME = Duration.ofSeconds(1);
    private OssEmulator emu;

    @BeforeEach
    void start() {
        emu = OssEmulator.builder().bucket("logs").credentials("unused", "unused-secret").start();
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    private static String send(HttpRequest request) throws Exception {
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private static Credentials fromJson(String json) {
        return new Credentials(field(json, "AccessKeyId"), field(json, "AccessKeySecret"),
                field(json, "SecurityToken"), Instant.parse(field(json, "Expiration")));
    }

    /** Appends with {@code c}, V4 then V1, until refused; the refusal is SecurityTokenExpired, at the expiry. */
    private void assertAcceptedUntilExpiry(Credentials c, String key) throws Exception {
        SignedClient v4 = new SignedClient(emu.endpoint(), "logs", c, new OssV4Signer(emu.region()), HTTP);
        SignedClient v1 = new SignedClient(emu.endpoint(), "logs", c, new OssV1Signer(), HTTP);
        long[] position = {0};
        assertEquals(200, v4.append(key, position[0]++, "a").statusCode());
        assertEquals(200, v1.append(key, position[0]++, "b").statusCode());
        await().atMost(LIFETIME.plusSeconds(3)).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<byte[]> r = v4.append(key, position[0], "c");
            if (r.statusCode() == 200) {
                position[0]++;
                return false;
            }
            assertEquals(403, r.statusCode(), SignedClient.text(r));
            return true;
        });
        assertFalse(Instant.now().isBefore(c.expiration()), "refused only from the advertised expiry on");
        for (SignedClient client : new SignedClient[] {v4, v1}) {
            HttpResponse<byte[]> refused = client.append(key, position[0], "c");
            assertEquals(403, refused.statusCode());
            assertTrue(SignedClient.text(refused).contains("<Code>SecurityTokenExpired</Code>"));
        }
        assertEquals(position[0], emu.objectBytes("logs", key).length);
    }

    @Test
    void instanceMetadataCredentials() throws Exception {
        try (FakeInstanceMetadata imds = FakeInstanceMetadata.builder().emulator(emu).role("app-role")
                .lifetime(LIFETIME).start()) {
            String token = send(HttpRequest.newBuilder(URI.create(imds.endpoint() + "/latest/api/token"))
                    .PUT(HttpRequest.BodyPublishers.noBody())
                    .header("X-aliyun-ecs-metadata-token-ttl-seconds", "21600").build());
            String role = send(HttpRequest.newBuilder(URI.create(imds.endpoint()
                    + "/latest/meta-data/ram/security-credentials/")).header("X-aliyun-ecs-metadata-token", token)
                    .build());
            String json = send(HttpRequest.newBuilder(URI.create(imds.endpoint()
                    + "/latest/meta-data/ram/security-credentials/" + role))
                    .header("X-aliyun-ecs-metadata-token", token).build());
            assertAcceptedUntilExpiry(fromJson(json), "imds.log");
        }
    }

    @Test
    void credentialsUriCredentials() throws Exception {
        try (FakeCredentialsUri uri = FakeCredentialsUri.builder().emulator(emu).lifetime(LIFETIME).start()) {
            assertAcceptedUntilExpiry(fromJson(send(HttpRequest.newBuilder(URI.create(uri.uri())).build())),
                    "uri.log");
        }
    }

    @Test
    void assumeRoleCredentials() throws Exception {
        try (FakeSts sts = FakeSts.builder().emulator(emu).accessKey("LTAI-user", "user-secret")
                .lifetime(LIFETIME).start()) {
            Map<String, String> p = new TreeMap<>();
            p.put("Action", "AssumeRole");
            p.put("Format", "JSON");
            p.put("Version", "2015-04-01");
            p.put("AccessKeyId", "LTAI-user");
            p.put("SignatureMethod", "HMAC-SHA1");
            p.put("SignatureVersion", "1.0");
            p.put("SignatureNonce", UUID.randomUUID().toString());
            p.put("Timestamp", DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC)
                    .format(Instant.now()));
            p.put("RoleArn", "acs:ram::123456789012:role/log-writer");
            p.put("RoleSessionName", "appendlog");
            p.put("DurationSeconds", "3600");
            p.put("Signature", RpcSignature.sign("GET", p, "user-secret"));
            String query = p.entrySet().stream().map(e -> RpcSignature.percentEncode(e.getKey()) + "="
                    + RpcSignature.percentEncode(e.getValue())).collect(Collectors.joining("&"));
            String json = send(HttpRequest.newBuilder(URI.create(sts.endpoint() + "/?" + query)).build());
            assertAcceptedUntilExpiry(fromJson(json), "sts.log");
        }
    }

    @Test
    void assumeRoleWithOidcCredentials() throws Exception {
        try (FakeSts sts = FakeSts.builder().emulator(emu).oidcToken("eyJ-projected-token").lifetime(LIFETIME)
                .start()) {
            String form = "RoleArn=acs%3Aram%3A%3A123456789012%3Arole%2Flog-writer"
                    + "&OIDCProviderArn=acs%3Aram%3A%3A123456789012%3Aoidc-provider%2Fack-rrsa"
                    + "&OIDCToken=eyJ-projected-token&RoleSessionName=appendlog-pod&DurationSeconds=3600";
            String json = send(HttpRequest.newBuilder(URI.create(sts.endpoint()
                    + "/?Action=AssumeRoleWithOIDC&Format=JSON&Version=2015-04-01&Timestamp="
                    + DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH'%3A'mm'%3A'ss'Z'").withZone(ZoneOffset.UTC)
                            .format(Instant.now())))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build());
            assertAcceptedUntilExpiry(fromJson(json), "oidc.log");
        }
    }
}
