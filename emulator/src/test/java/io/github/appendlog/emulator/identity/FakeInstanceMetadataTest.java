package io.github.appendlog.emulator.identity;

import static io.github.appendlog.emulator.identity.Http.field;
import static io.github.appendlog.emulator.identity.Http.get;
import static io.github.appendlog.emulator.identity.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.emulator.identity.FakeInstanceMetadata.Mode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeInstanceMetadataTest {
    private static final String TTL = "X-aliyun-ecs-metadata-token-ttl-seconds";
    private static final String TOKEN = "X-aliyun-ecs-metadata-token";
    private FakeInstanceMetadata imds;

    @AfterEach
    void stop() {
        if (imds != null) {
            imds.close();
        }
    }

    private String url(String path) {
        return imds.endpoint() + path;
    }

    private String token() throws Exception {
        HttpResponse<String> r = send("PUT", url("/latest/api/token"), null, TTL, "21600");
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    @Test
    void imdsV2HandsOutATokenThenTheRoleThenCredentials() throws Exception {
        imds = FakeInstanceMetadata.builder().role("app-role").lifetime(Duration.ofSeconds(3)).start();
        assertTrue(imds.endpoint().matches("http://127\\.0\\.0\\.1:\\d+"), imds.endpoint());
        String token = token();
        assertTrue(token.length() >= 32, token);

        HttpResponse<String> role = get(url("/latest/meta-data/ram/security-credentials/"), TOKEN, token);
        assertEquals(200, role.statusCode());
        assertEquals("app-role", role.body(), "no trailing newline");

        Instant before = Instant.now();
        HttpResponse<String> creds = get(url("/latest/meta-data/ram/security-credentials/app-role"), TOKEN, token);
        assertEquals(200, creds.statusCode());
        assertEquals("application/json;charset=utf-8", creds.headers().firstValue("Content-Type").orElseThrow());
        String json = creds.body();
        Credentials issued = imds.lastIssued();
        assertEquals(issued.accessKeyId(), field(json, "AccessKeyId"));
        assertTrue(issued.accessKeyId().startsWith("STS."));
        assertEquals(issued.accessKeySecret(), field(json, "AccessKeySecret"));
        assertEquals(issued.securityToken(), field(json, "SecurityToken"));
        assertEquals("Success", field(json, "Code"));
        String expiration = field(json, "Expiration");
        assertTrue(expiration.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), expiration);
        assertTrue(field(json, "LastUpdated").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
        Instant expires = Instant.parse(expiration);
        assertEquals(issued.expiration(), expires, "advertised and enforced expiry are the same instant");
        assertTrue(!expires.isBefore(before.plusSeconds(3)), "rounded up: at least the lifetime");
        assertTrue(expires.isBefore(Instant.now().plusSeconds(4)), "and less than a second more");

        HttpResponse<String> again = get(url("/latest/meta-data/ram/security-credentials/app-role"), TOKEN, token);
        assertNotEquals(field(json, "AccessKeyId"), field(again.body(), "AccessKeyId"), "each GET mints a key pair");
        assertEquals(404, get(url("/latest/meta-data/ram/security-credentials/other-role"), TOKEN, token)
                .statusCode());
        assertEquals(1, imds.tokenRequests());
        assertEquals(1, imds.roleRequests());
        assertEquals(3, imds.credentialRequests());
        assertEquals(5, imds.requestCount());
        assertEquals(2, imds.issued().size());
        assertEquals("21600", imds.requests().get(0).header(TTL.toLowerCase()));
        assertEquals("PUT /latest/api/token", imds.requests().get(0).toString());
    }

    @Test
    void imdsV2RequiredRefusesGetsWithoutAValidToken() throws Exception {
        imds = FakeInstanceMetadata.builder().start();
        assertEquals(401, get(url("/latest/meta-data/ram/security-credentials/")).statusCode());
        assertEquals(401, get(url("/latest/meta-data/ram/security-credentials/app-role")).statusCode());
        assertEquals(401, get(url("/latest/meta-data/ram/security-credentials/"), TOKEN, "made-up").statusCode());
        assertTrue(imds.issued().isEmpty());
    }

    @Test
    void theTokenTtlMustBe1To21600Seconds() throws Exception {
        imds = FakeInstanceMetadata.builder().start();
        for (String ttl : new String[] {"0", "21601", "-5", "soon"}) {
            assertEquals(400, send("PUT", url("/latest/api/token"), null, TTL, ttl).statusCode(), ttl);
        }
        assertEquals(400, send("PUT", url("/latest/api/token"), null).statusCode(), "no TTL header");
        assertEquals(200, send("PUT", url("/latest/api/token"), null, TTL, "1").statusCode());
        assertEquals(405, get(url("/latest/api/token")).statusCode());
    }

    @Test
    void aTokenExpiresAfterItsTtl() throws Exception {
        imds = FakeInstanceMetadata.builder().start();
        String token = send("PUT", url("/latest/api/token"), null, TTL, "1").body();
        assertEquals(200, get(url("/latest/meta-data/ram/security-credentials/"), TOKEN, token).statusCode());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                get(url("/latest/meta-data/ram/security-credentials/"), TOKEN, token).statusCode() == 401);
    }

    @Test
    void imdsV2OptionalAnswersGetsWithOrWithoutAToken() throws Exception {
        imds = FakeInstanceMetadata.builder().mode(Mode.IMDSV2_OPTIONAL).start();
        assertEquals("app-role", get(url("/latest/meta-data/ram/security-credentials/")).body());
        assertEquals(200, get(url("/latest/meta-data/ram/security-credentials/app-role"), TOKEN, token())
                .statusCode());
        assertEquals(401, get(url("/latest/meta-data/ram/security-credentials/"), TOKEN, "made-up").statusCode());
    }

    @Test
    void v1OnlyRefusesTheTokenAndAnswersPlainGets() throws Exception {
        imds = FakeInstanceMetadata.builder().mode(Mode.IMDSV1_ONLY).start();
        assertEquals(404, send("PUT", url("/latest/api/token"), null, TTL, "21600").statusCode());
        assertEquals("app-role", get(url("/latest/meta-data/ram/security-credentials/")).body());
        assertEquals("Success", field(get(url("/latest/meta-data/ram/security-credentials/app-role")).body(),
                "Code"));
        imds.close();
        imds = FakeInstanceMetadata.builder().mode(Mode.IMDSV1_ONLY).tokenRefusedStatus(403).start();
        assertEquals(403, send("PUT", url("/latest/api/token"), null, TTL, "21600").statusCode());
    }

    @Test
    void tokenGetsFailAnswersTheTokenButRefusesGetsCarryingIt() throws Exception {
        imds = FakeInstanceMetadata.builder().mode(Mode.TOKEN_GETS_FAIL).start();
        String token = token();
        assertEquals(403, get(url("/latest/meta-data/ram/security-credentials/"), TOKEN, token).statusCode());
        assertEquals(403, get(url("/latest/meta-data/ram/security-credentials/app-role"), TOKEN, token)
                .statusCode());
        assertEquals(200, get(url("/latest/meta-data/ram/security-credentials/app-role")).statusCode(),
                "the same GET without the token (the v1 fallback) works");
    }

    @Test
    void codeOtherThanSuccessAndRoleAndModeChangeWhileRunning() throws Exception {
        imds = FakeInstanceMetadata.builder().mode(Mode.IMDSV2_OPTIONAL).code("Failed").start();
        assertEquals("Failed", field(get(url("/latest/meta-data/ram/security-credentials/app-role")).body(), "Code"));
        imds.code("Success");
        imds.role("new-role");
        assertEquals("new-role", get(url("/latest/meta-data/ram/security-credentials/")).body());
        assertEquals(404, get(url("/latest/meta-data/ram/security-credentials/app-role")).statusCode());
        imds.role(null);
        assertEquals(404, get(url("/latest/meta-data/ram/security-credentials/")).statusCode(), "no role attached");
        imds.mode(Mode.IMDSV2_REQUIRED);
        assertEquals(401, get(url("/latest/meta-data/ram/security-credentials/")).statusCode());
    }

    @Test
    void aNegativeLifetimeHandsOutCredentialsThatHaveExpired() throws Exception {
        imds = FakeInstanceMetadata.builder().mode(Mode.IMDSV1_ONLY).lifetime(Duration.ofSeconds(-60)).start();
        String json = get(url("/latest/meta-data/ram/security-credentials/app-role")).body();
        assertTrue(Instant.parse(field(json, "Expiration")).isBefore(Instant.now().minusSeconds(58)), json);
        assertThrows(IllegalArgumentException.class, () -> imds.lifetime(Duration.ZERO));
    }

    @Test
    void failWithAndHangAreFaultsATestSwitches() throws Exception {
        imds = FakeInstanceMetadata.builder().mode(Mode.IMDSV1_ONLY).start();
        imds.failWith(500);
        assertEquals(500, get(url("/latest/meta-data/ram/security-credentials/")).statusCode());
        imds.failWith(0);
        assertEquals(200, get(url("/latest/meta-data/ram/security-credentials/")).statusCode());
        assertThrows(IllegalArgumentException.class, () -> imds.failWith(200));

        imds.hang(true);
        HttpRequest slow = HttpRequest.newBuilder(URI.create(url("/latest/meta-data/ram/security-credentials/")))
                .timeout(Duration.ofMillis(300)).build();
        assertThrows(HttpTimeoutException.class, () -> Http.CLIENT.send(slow, HttpResponse.BodyHandlers.ofString()));
        CompletableFuture<HttpResponse<String>> waiting = Http.CLIENT.sendAsync(HttpRequest.newBuilder(
                URI.create(url("/latest/meta-data/ram/security-credentials/"))).build(),
                HttpResponse.BodyHandlers.ofString());
        org.awaitility.Awaitility.await().until(() -> imds.requestCount() == 4);
        assertTrue(!waiting.isDone());
        imds.hang(false);
        assertEquals("app-role", waiting.get().body());
    }

    @Test
    void aClosedServiceRefusesConnections() {
        imds = FakeInstanceMetadata.builder().start();
        String endpoint = imds.endpoint();
        imds.close();
        assertThrows(IOException.class, () -> get(endpoint + "/latest/meta-data/ram/security-credentials/"));
        assertNull(imds.lastIssued());
    }
}
