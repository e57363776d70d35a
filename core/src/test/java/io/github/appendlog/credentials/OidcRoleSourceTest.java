package io.github.appendlog.credentials;

import static io.github.appendlog.credentials.StubServer.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OidcRoleSourceTest {
    static final String ROLE = "acs:ram::123456789012:role/rrsa-role";
    static final String PROVIDER = "acs:ram::123456789012:oidc-provider/ack-rrsa-c1";
    static final String STS_SECRET = "sts-secret-value";
    static final String STS_TOKEN = "sts-token-value";

    @TempDir
    Path dir;
    private StubServer sts;
    private CredentialsHttp http;

    static String stsReply(String id) {
        return "{\"RequestId\":\"R1\",\"AssumedRoleUser\":{\"Arn\":\"a\",\"AssumedRoleId\":\"b\"},\"Credentials\":{"
                + "\"AccessKeyId\":\"" + id + "\",\"AccessKeySecret\":\"" + STS_SECRET + "\",\"SecurityToken\":\""
                + STS_TOKEN + "\",\"Expiration\":\"2026-01-02T04:04:05Z\"}}";
    }

    @BeforeEach
    void start() throws IOException {
        sts = new StubServer();
        http = new CredentialsHttp();
    }

    @AfterEach
    void stop() {
        http.close();
        sts.close();
    }

    private OidcRoleSource source(Map<String, String> env, Path tokenFile) {
        NetworkSources sources = new NetworkSources(new Environment(env), sts.uri().toString(), "http://127.0.0.1:9",
                http, EcsMetadataSourceTest.CLOCK);
        return sources.oidc(sources.role(ROLE, null, null, null, null), PROVIDER, tokenFile,
                OidcRoleSource.TOKEN_FILE_VARIABLE, null, null);
    }

    private Path token(String text) throws IOException {
        return Files.write(dir.resolve("token"), text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void assumesTheRoleWithAnAnonymousPostAndTheTokenInTheBody() throws IOException {
        sts.on("POST", "/", r -> reply(200, stsReply("STS.oidc-id")));
        OidcRoleSource source = source(Map.of("ALIBABA_CLOUD_ROLE_SESSION_NAME", "my-session"), token("jwt-one"));
        assertEquals("RRSA/OIDC role " + ROLE, source.describe());
        Credentials c = source.fetch();
        assertEquals("STS.oidc-id", c.accessKeyId());
        assertEquals(STS_SECRET, c.accessKeySecret());
        assertEquals(STS_TOKEN, c.securityToken());
        assertEquals(java.time.Instant.parse("2026-01-02T04:04:05Z"), c.expiration());
        StubServer.Request r = sts.requests().get(0);
        assertEquals("POST", r.method);
        assertEquals("Action=AssumeRoleWithOIDC&Format=JSON&Version=2015-04-01&Timestamp=2026-01-02T03%3A04%3A05Z",
                r.rawQuery);
        assertTrue(r.header("Content-Type").startsWith("application/x-www-form-urlencoded"), r.header("Content-Type"));
        assertEquals(Map.of("RoleArn", ROLE, "OIDCProviderArn", PROVIDER, "OIDCToken", "jwt-one", "RoleSessionName",
                "my-session", "DurationSeconds", "3600"), r.form());
        assertEquals(null, r.header("Authorization"));
        assertFalse(r.query().containsKey("Signature") || r.query().containsKey("AccessKeyId"), "anonymous");
    }

    @Test
    void theTokenFileIsReadAgainAtEveryFetch() throws IOException {
        sts.on("POST", "/", r -> reply(200, stsReply("STS.oidc-id")));
        Path file = token("jwt-one\n");
        OidcRoleSource source = source(Collections.emptyMap(), file);
        source.fetch();
        token("jwt-two");
        source.fetch();
        List<String> tokens = sts.requests().stream().map(r -> r.form().get("OIDCToken")).collect(Collectors.toList());
        assertEquals(List.of("jwt-one", "jwt-two"), tokens);
        String session = sts.requests().get(0).form().get("RoleSessionName");
        assertEquals("appendlog-" + EcsMetadataSourceTest.CLOCK.millis(), session);
    }

    @Test
    void aMissingOrEmptyTokenFileFailsBeforeAnyRequest() throws IOException {
        IOException missing = assertThrows(IOException.class,
                () -> source(Collections.emptyMap(), dir.resolve("absent")).fetch());
        assertEquals("RRSA/OIDC role " + ROLE + ": the OIDC token file " + dir.resolve("absent")
                + " (ALIBABA_CLOUD_OIDC_TOKEN_FILE) does not exist", missing.getMessage());
        IOException empty = assertThrows(IOException.class, () -> source(Collections.emptyMap(), token(" \n")).fetch());
        assertTrue(empty.getMessage().endsWith("is empty"), empty.getMessage());
        IOException directory = assertThrows(IOException.class, () -> source(Collections.emptyMap(), dir).fetch());
        assertTrue(directory.getMessage().contains("cannot be read"), directory.getMessage());
        assertEquals(0, sts.requests().size());
    }

    @Test
    void aPopErrorIsReportedWithItsCodeMessageAndRequestIdButNoToken() throws IOException {
        sts.on("POST", "/", r -> reply(403, "{\"RequestId\":\"REQ-9\",\"HostId\":\"sts.aliyuncs.com\","
                + "\"Code\":\"AuthenticationFail.NoPermission\",\"Message\":\"Parameter OIDCProviderArn is not valid;"
                + " token jwt-secret-one rejected\",\"Recommend\":\"https://api.aliyun.com\"}"));
        IOException e = assertThrows(IOException.class,
                () -> source(Collections.emptyMap(), token("jwt-secret-one")).fetch());
        assertEquals("RRSA/OIDC role " + ROLE + ": STS AssumeRoleWithOIDC at " + sts.uri() + "/ refused: HTTP 403 "
                + "AuthenticationFail.NoPermission: Parameter OIDCProviderArn is not valid; token **** rejected"
                + " (RequestId REQ-9)", e.getMessage());
    }

    @Test
    void aReplyWithoutCredentialsOrNotJsonIsRefused() throws IOException {
        sts.on("POST", "/", r -> reply(200, "{\"RequestId\":\"R2\"}"));
        IOException e = assertThrows(IOException.class, () -> source(Collections.emptyMap(), token("jwt")).fetch());
        assertTrue(e.getMessage().endsWith("the reply has no Credentials object (RequestId R2)"), e.getMessage());
        sts.on("POST", "/", r -> reply(502, "<html>bad gateway</html>"));
        IOException gateway = assertThrows(IOException.class, () -> source(Collections.emptyMap(), token("jwt")).fetch());
        assertTrue(gateway.getMessage().endsWith("refused: HTTP 502 (the reply is not a JSON error)"),
                gateway.getMessage());
    }
}
