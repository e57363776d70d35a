package io.github.appendlog.credentials;

import static io.github.appendlog.credentials.StubServer.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.oss.BlackHoleServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EcsMetadataSourceTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    static final String SECRET = "ecs-secret-value";
    static final String TOKEN = "ecs-sts-token-value";
    static final String METADATA_TOKEN = "imds-v2-token";
    static final String ROLES = "/latest/meta-data/ram/security-credentials/";

    private StubServer server;
    private CredentialsHttp http;

    static String credentialsJson(String code, String expiration) {
        return "{\"AccessKeyId\":\"STS.ecs-id\",\"AccessKeySecret\":\"" + SECRET + "\",\"Expiration\":\"" + expiration
                + "\",\"SecurityToken\":\"" + TOKEN + "\",\"LastUpdated\":\"2026-01-02T03:04:05Z\",\"Code\":\"" + code
                + "\"}";
    }

    @BeforeEach
    void start() throws IOException {
        server = new StubServer();
        http = new CredentialsHttp();
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    /** IMDSv2 as ECS serves it: the token PUT checks its TTL header, the GETs require the token. */
    private void imdsV2(String role, String credentials) {
        server.on("PUT", "/latest/api/token", r -> "21600".equals(r.header(EcsMetadataSource.TTL_HEADER))
                ? reply(200, METADATA_TOKEN) : reply(400, "bad ttl"));
        server.on("GET", ROLES, r -> tokenOk(r) ? reply(200, role + "\n") : reply(401, ""));
        server.on("GET", ROLES + role, r -> tokenOk(r) ? reply(200, credentials) : reply(401, ""));
    }

    private static boolean tokenOk(StubServer.Request r) {
        return METADATA_TOKEN.equals(r.header(EcsMetadataSource.TOKEN_HEADER));
    }

    private EcsMetadataSource source(String role, boolean v1Disabled) {
        return new EcsMetadataSource(server.uri(), role, v1Disabled, http, CLOCK);
    }

    private List<String> requestLines() {
        return server.requests().stream()
                .map(r -> r.method + " " + r.path + (r.header(EcsMetadataSource.TOKEN_HEADER) != null ? " +token" : ""))
                .collect(Collectors.toList());
    }

    @Test
    void imdsV2DiscoversTheRoleAndSendsTheTokenWithEveryGet() throws IOException {
        imdsV2("app-role", credentialsJson("Success", "2026-01-02T09:04:05Z"));
        EcsMetadataSource source = source(null, false);
        assertEquals("ECS RAM role (discovered at the first fetch) (metadata at " + server.uri() + ")", source.describe());
        Credentials c = source.fetch();
        assertEquals("STS.ecs-id", c.accessKeyId());
        assertEquals(SECRET, c.accessKeySecret());
        assertEquals(TOKEN, c.securityToken());
        assertEquals(Instant.parse("2026-01-02T09:04:05Z"), c.expiration());
        assertEquals(List.of("PUT /latest/api/token", "GET " + ROLES + " +token", "GET " + ROLES + "app-role +token"),
                requestLines());
        assertEquals("ECS RAM role 'app-role' (metadata at " + server.uri() + ")", source.describe(),
                "the role is trimmed of the list's newline");
        StubServer.Request get = server.requests().get(2);
        assertEquals("appendlog", get.header("User-Agent"));
        assertEquals("identity", get.header("Accept-Encoding"));
        source.fetch();
        assertEquals(5, server.requests().size(), "the discovered role is kept: one token and one GET");
        source.invalidate();
        source.fetch();
        assertEquals(8, server.requests().size(), "invalidate forgets the role, the next fetch asks again");
    }

    @Test
    void aConfiguredRoleIsNotDiscovered() throws IOException {
        imdsV2("app-role", credentialsJson("Success", "2026-01-02T09:04:05Z"));
        EcsMetadataSource source = source("app-role", false);
        assertEquals("STS.ecs-id", source.fetch().accessKeyId());
        assertEquals(List.of("PUT /latest/api/token", "GET " + ROLES + "app-role +token"), requestLines());
    }

    @Test
    void withoutATokenItFallsBackToImdsV1() throws IOException {
        server.on("PUT", "/latest/api/token", r -> reply(404, ""));
        server.on("GET", ROLES, r -> reply(200, "v1-role"));
        server.on("GET", ROLES + "v1-role", r -> reply(200, credentialsJson("Success", "2026-01-02T09:04:05Z")));
        assertEquals("STS.ecs-id", source(null, false).fetch().accessKeyId());
        assertEquals(List.of("PUT /latest/api/token", "GET " + ROLES, "GET " + ROLES + "v1-role"), requestLines());
    }

    @Test
    void aGetThatFailsWithTheTokenIsSentOnceMoreWithoutIt() throws IOException {
        server.on("PUT", "/latest/api/token", r -> reply(200, METADATA_TOKEN));
        server.on("GET", ROLES + "app-role", r -> tokenOk(r) ? reply(500, "")
                : reply(200, credentialsJson("Success", "2026-01-02T09:04:05Z")));
        assertEquals("STS.ecs-id", source("app-role", false).fetch().accessKeyId());
        assertEquals(List.of("PUT /latest/api/token", "GET " + ROLES + "app-role +token", "GET " + ROLES + "app-role"),
                requestLines());
    }

    @Test
    void withImdsV1DisabledNoTokenIsAnErrorAndNothingIsRetriedWithoutIt() {
        server.on("PUT", "/latest/api/token", r -> reply(403, ""));
        server.on("GET", ROLES + "app-role", r -> reply(200, credentialsJson("Success", "2026-01-02T09:04:05Z")));
        IOException e = assertThrows(IOException.class, () -> source("app-role", true).fetch());
        assertTrue(e.getMessage().contains("no IMDSv2 token") && e.getMessage().contains("HTTP 403")
                && e.getMessage().contains("ALIBABA_CLOUD_IMDSV1_DISABLED=true"), e.getMessage());
        assertEquals(List.of("PUT /latest/api/token"), requestLines());

        server.on("PUT", "/latest/api/token", r -> reply(200, METADATA_TOKEN));
        server.on("GET", ROLES + "app-role", r -> tokenOk(r) ? reply(500, "")
                : reply(200, credentialsJson("Success", "2026-01-02T09:04:05Z")));
        IOException refused = assertThrows(IOException.class, () -> source("app-role", true).fetch());
        assertTrue(refused.getMessage().contains("HTTP 500"), refused.getMessage());
        assertEquals(3, server.requests().size(), "no second GET without the token");
    }

    @Test
    void aRoleTheInstanceDoesNotHaveIsAClearError() {
        imdsV2("app-role", credentialsJson("Success", "2026-01-02T09:04:05Z"));
        IOException e = assertThrows(IOException.class, () -> source("other-role", false).fetch());
        assertTrue(e.getMessage().startsWith("ECS RAM role 'other-role'"), e.getMessage());
        assertTrue(e.getMessage().contains("the instance has no RAM role 'other-role' (HTTP 404")
                && e.getMessage().contains("ALIBABA_CLOUD_ECS_METADATA"), e.getMessage());
    }

    @Test
    void aCodeOtherThanSuccessIsRefused() {
        imdsV2("app-role", credentialsJson("Failed", "2026-01-02T09:04:05Z"));
        IOException e = assertThrows(IOException.class, () -> source(null, false).fetch());
        assertTrue(e.getMessage().contains("the reply's Code is 'Failed', not 'Success'"), e.getMessage());
        assertNoSecret(e);
    }

    @Test
    void anExpirationWithFractionalSecondsIsRefusedClearly() {
        imdsV2("app-role", credentialsJson("Success", "2026-01-02T09:04:05.123Z"));
        IOException e = assertThrows(IOException.class, () -> source(null, false).fetch());
        assertTrue(e.getMessage().contains("Expiration '2026-01-02T09:04:05.123Z' is not of the form "
                + "yyyy-MM-ddTHH:mm:ssZ"), e.getMessage());
        assertNoSecret(e);
    }

    @Test
    void credentialsThatExpiredAlreadyAreRefused() {
        imdsV2("app-role", credentialsJson("Success", "2026-01-02T03:04:05Z"));
        IOException e = assertThrows(IOException.class, () -> source(null, false).fetch());
        assertTrue(e.getMessage().contains("the credentials for key STS.ecs-id expired at 2026-01-02T03:04:05Z already"),
                e.getMessage());
        assertNoSecret(e);
    }

    @Test
    void aReplyWithoutTheTokenOrNotJsonIsRefused() {
        imdsV2("app-role", "{\"Code\":\"Success\",\"AccessKeyId\":\"STS.x\",\"AccessKeySecret\":\"" + SECRET
                + "\",\"Expiration\":\"2026-01-02T09:04:05Z\"}");
        IOException e = assertThrows(IOException.class, () -> source(null, false).fetch());
        assertTrue(e.getMessage().contains("the reply lacks SecurityToken"), e.getMessage());
        imdsV2("app-role", "AccessKeySecret=" + SECRET);
        IOException notJson = assertThrows(IOException.class, () -> source(null, false).fetch());
        assertTrue(notJson.getMessage().contains("is not JSON"), notJson.getMessage());
        assertNoSecret(e);
        assertNoSecret(notJson);
    }

    @Test
    void theProbeTellsWhetherAMetadataServiceAnswers() throws IOException {
        server.on("PUT", "/latest/api/token", r -> reply(403, ""));
        assertTrue(EcsMetadataSource.probe(server.uri(), http), "any HTTP answer counts");
        long started = System.nanoTime();
        assertFalse(EcsMetadataSource.probe(URI.create("http://127.0.0.1:" + closedPort()), http));
        assertTrue(System.nanoTime() - started < 1_000_000_000L, "a closed port answers at once");
    }

    @Test
    void aHostThatAcceptsAndNeverAnswersCostsAboutOneSecond() throws IOException {
        try (BlackHoleServer blackHole = new BlackHoleServer()) {
            long started = System.nanoTime();
            assertFalse(EcsMetadataSource.probe(URI.create(blackHole.endpoint()), http));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis >= 900 && millis < 2_000, millis + " ms");
            assertEquals(1, blackHole.connections());
        }
    }

    @Test
    void aFailedRequestNamesTheUrlAndTheSourceButNoToken() throws IOException {
        EcsMetadataSource source = new EcsMetadataSource(URI.create("http://127.0.0.1:" + closedPort()), "app-role",
                false, http, CLOCK);
        IOException e = assertThrows(IOException.class, source::fetch);
        assertTrue(e.getMessage().startsWith("ECS RAM role 'app-role' (metadata at http://127.0.0.1:"), e.getMessage());
        assertTrue(e.getMessage().contains("GET http://127.0.0.1:") && e.getMessage().contains(ROLES + "app-role"),
                e.getMessage());
        assertNoSecret(e);
    }

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    static void assertNoSecret(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            assertFalse(m.contains(SECRET) || m.contains(TOKEN) || m.contains(METADATA_TOKEN), m);
        }
    }
}
