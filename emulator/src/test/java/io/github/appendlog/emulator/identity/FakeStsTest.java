package io.github.appendlog.emulator.identity;

import static io.github.appendlog.emulator.identity.Http.field;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.credentials.Credentials;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeStsTest {
    private static final Credentials USER = new Credentials("LTAI-user", "user-secret");
    private final AtomicReference<String> oidcToken = new AtomicReference<>("eyJ-first-token");
    private FakeSts sts;

    @BeforeEach
    void start() {
        sts = FakeSts.builder().accessKey(USER.accessKeyId(), USER.accessKeySecret()).oidcProviderArn(StsCalls.PROVIDER)
                .oidcToken(oidcToken::get).lifetime(Duration.ofSeconds(3)).start();
    }

    @AfterEach
    void stop() {
        sts.close();
    }

    private static void assertPopError(HttpResponse<String> r, int status, String code) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(code, field(r.body(), "Code"), r.body());
        for (String member : new String[] {"RequestId", "HostId", "Message", "Recommend"}) {
            assertTrue(field(r.body(), member) != null, member + " in " + r.body());
        }
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
    }

    private static Credentials credentialsOf(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return new Credentials(field(r.body(), "AccessKeyId"), field(r.body(), "AccessKeySecret"),
                field(r.body(), "SecurityToken"), Instant.parse(field(r.body(), "Expiration")));
    }

    @Test
    void assumeRoleByGetAnswersCredentialsWithTheCappedLifetime() throws Exception {
        Instant before = Instant.now();
        HttpResponse<String> r = StsCalls.assumeRoleGet(sts, USER);
        Credentials c = credentialsOf(r);
        assertTrue(r.body().startsWith("{\"RequestId\":\""), r.body());
        assertEquals("acs:ram::123456789012:role/log-writer/appendlog", field(r.body(), "Arn"));
        assertTrue(field(r.body(), "AssumedRoleId").endsWith(":appendlog"));
        assertTrue(c.accessKeyId().startsWith("STS."));
        assertTrue(c.sameKeys(sts.lastIssued()));
        assertEquals(sts.lastIssued().expiration(), c.expiration());
        assertFalse(c.expiration().isBefore(before.plusSeconds(3)), "3 s (the cap), not DurationSeconds' hour");
        assertTrue(c.expiration().isBefore(Instant.now().plusSeconds(4)));
        assertEquals(1, sts.assumeRoleRequests());
        assertEquals(0, sts.assumeRoleWithOidcRequests());
    }

    @Test
    void withoutALifetimeCapDurationSecondsDecides() throws Exception {
        sts.lifetime(null);
        Map<String, String> p = StsCalls.assumeRole(USER);
        p.put("DurationSeconds", "900");
        Credentials c = credentialsOf(StsCalls.get(sts, StsCalls.sign("GET", p, USER.accessKeySecret())));
        long seconds = Duration.between(Instant.now(), c.expiration()).getSeconds();
        assertTrue(seconds >= 898 && seconds <= 901, "expires in " + seconds + " s");
    }

    @Test
    void assumeRoleByPostSignsTheQueryAndTheFormTogether() throws Exception {
        Map<String, String> p = StsCalls.sign("POST", StsCalls.assumeRole(USER), USER.accessKeySecret());
        HttpResponse<String> r = StsCalls.post(sts, p, "RoleArn", "RoleSessionName", "DurationSeconds");
        credentialsOf(r);
        RecordedRequest seen = sts.requests().get(0);
        assertEquals(StsCalls.ROLE, seen.formParameters().get("RoleArn"));
        assertEquals("AssumeRole", seen.queryParameters().get("Action"));

        Map<String, String> signedForGet = StsCalls.sign("GET", StsCalls.assumeRole(USER), USER.accessKeySecret());
        assertPopError(StsCalls.post(sts, signedForGet, "RoleArn"), 403, "SignatureDoesNotMatch");
    }

    @Test
    void aWrongSecretIsSignatureDoesNotMatchAndTheReplyHoldsNoSecret() throws Exception {
        HttpResponse<String> r = StsCalls.assumeRoleGet(sts, new Credentials(USER.accessKeyId(), "wrong-secret"));
        assertPopError(r, 403, "SignatureDoesNotMatch");
        assertFalse(r.body().contains("secret"), r.body());
        assertPopError(StsCalls.assumeRoleGet(sts, new Credentials("LTAI-nobody", "s")), 404,
                "InvalidAccessKeyId.NotFound");
        Map<String, String> tampered = StsCalls.sign("GET", StsCalls.assumeRole(USER), USER.accessKeySecret());
        tampered.put("RoleSessionName", "someone-else");
        assertPopError(StsCalls.get(sts, tampered), 403, "SignatureDoesNotMatch");
        assertTrue(sts.issued().isEmpty());
    }

    @Test
    void commonParametersAreChecked() throws Exception {
        Map<String, String> stale = StsCalls.assumeRole(USER);
        stale.put("Timestamp", KeyMinter.WIRE_TIME.format(Instant.now().minusSeconds(16 * 60)));
        assertPopError(StsCalls.get(sts, StsCalls.sign("GET", stale, "user-secret")), 400, "InvalidTimeStamp.Expired");
        Map<String, String> fractional = StsCalls.assumeRole(USER);
        fractional.put("Timestamp", Instant.now().toString().replaceAll("Z$", ".123Z"));
        assertPopError(StsCalls.get(sts, StsCalls.sign("GET", fractional, "user-secret")), 400,
                "InvalidTimeStamp.Format");
        Map<String, String> version = StsCalls.assumeRole(USER);
        version.put("Version", "2014-05-26");
        assertPopError(StsCalls.get(sts, StsCalls.sign("GET", version, "user-secret")), 400, "InvalidVersion");
        Map<String, String> action = StsCalls.assumeRole(USER);
        action.put("Action", "GetCallerIdentity");
        assertPopError(StsCalls.get(sts, StsCalls.sign("GET", action, "user-secret")), 404, "InvalidAction.NotFound");
        Map<String, String> method = StsCalls.assumeRole(USER);
        method.put("SignatureMethod", "HMAC-SHA256");
        assertPopError(StsCalls.get(sts, StsCalls.sign("GET", method, "user-secret")), 400, "InvalidSignatureMethod");
        Map<String, String> unsigned = StsCalls.assumeRole(USER);
        assertPopError(StsCalls.get(sts, unsigned), 400, "MissingSignature");
        assertPopError(Http.get(sts.endpoint() + "/?Version=2015-04-01"), 400, "MissingAction");
    }

    @Test
    void aNonceIsAcceptedOnce() throws Exception {
        Map<String, String> p = StsCalls.sign("GET", StsCalls.assumeRole(USER), USER.accessKeySecret());
        credentialsOf(StsCalls.get(sts, p));
        assertPopError(StsCalls.get(sts, p), 400, "SignatureNonceUsed");
    }

    @Test
    void roleParametersAreChecked() throws Exception {
        String[][] cases = {{"DurationSeconds", "899", "InvalidParameter.DurationSeconds"},
            {"DurationSeconds", "3601", "InvalidParameter.DurationSeconds"},
            {"DurationSeconds", "an-hour", "InvalidParameter.DurationSeconds"},
            {"RoleSessionName", "x", "InvalidParameter.RoleSessionName"},
            {"RoleSessionName", "has space", "InvalidParameter.RoleSessionName"},
            {"RoleArn", "arn:aws:iam::1:role/x", "InvalidParameter.RoleArn"},
            {"RoleArn", "", "MissingRoleArn"}};
        for (String[] c : cases) {
            Map<String, String> p = StsCalls.assumeRole(USER);
            p.put(c[0], c[1]);
            assertPopError(StsCalls.get(sts, StsCalls.sign("GET", p, "user-secret")), 400, c[2]);
        }
        try (FakeSts withRoles = FakeSts.builder().accessKey("LTAI-user", "user-secret")
                .role("acs:ram::123456789012:role/other").maxSessionDurationSeconds(7200).start()) {
            assertPopError(StsCalls.assumeRoleGet(withRoles, USER), 404, "EntityNotExist.Role");
        }
    }

    @Test
    void credentialsItMintedCanAssumeARoleAgainWithTheirToken() throws Exception {
        Credentials first = credentialsOf(StsCalls.assumeRoleGet(sts, USER));
        Credentials chained = credentialsOf(StsCalls.assumeRoleGet(sts, first));
        assertFalse(chained.sameKeys(first));
        assertEquals(first.securityToken(), sts.requests().get(1).parameter("SecurityToken"));

        Credentials withoutToken = new Credentials(first.accessKeyId(), first.accessKeySecret());
        assertPopError(StsCalls.assumeRoleGet(sts, withoutToken), 400, "MissingSecurityToken");
        Credentials wrongToken = new Credentials(first.accessKeyId(), first.accessKeySecret(), "other");
        assertPopError(StsCalls.assumeRoleGet(sts, wrongToken), 400, "InvalidSecurityToken.MismatchWithAccessKey");
        assertPopError(StsCalls.assumeRoleGet(sts, new Credentials(USER.accessKeyId(), USER.accessKeySecret(), "t")),
                400, "InvalidSecurityToken.MismatchWithAccessKey");
        await().atMost(Duration.ofSeconds(6)).until(() -> StsCalls.assumeRoleGet(sts, first).statusCode() == 400);
        assertPopError(StsCalls.assumeRoleGet(sts, first), 400, "InvalidSecurityToken.Expired");
    }

    @Test
    void assumeRoleWithOidcChecksTheTokenOfTheMoment() throws Exception {
        HttpResponse<String> r = StsCalls.oidc(sts, "eyJ-first-token");
        Credentials c = credentialsOf(r);
        assertTrue(c.sameKeys(sts.lastIssued()));
        assertEquals("acs:ram::123456789012:role/log-writer/appendlog-pod", field(r.body(), "Arn"));
        assertTrue(r.body().contains("\"OIDCTokenInfo\":{"), r.body());
        assertEquals("eyJ-first-token", sts.requests().get(0).formParameters().get("OIDCToken"));

        oidcToken.set("eyJ-rotated-token");
        HttpResponse<String> old = StsCalls.oidc(sts, "eyJ-first-token");
        assertPopError(old, 403, "AuthenticationFail.OIDCToken.Invalid");
        assertFalse(old.body().contains("eyJ"), old.body());
        credentialsOf(StsCalls.oidc(sts, "eyJ-rotated-token"));
        assertEquals(3, sts.assumeRoleWithOidcRequests());
    }

    @Test
    void assumeRoleWithOidcRefusals() throws Exception {
        Map<String, String> provider = StsCalls.assumeRoleWithOidc("eyJ-first-token");
        provider.put("OIDCProviderArn", "acs:ram::123456789012:oidc-provider/other");
        assertPopError(StsCalls.post(sts, provider, "OIDCProviderArn", "OIDCToken"), 403,
                "AuthenticationFail.NoPermission");
        Map<String, String> missing = StsCalls.assumeRoleWithOidc("eyJ-first-token");
        missing.remove("OIDCToken");
        assertPopError(StsCalls.post(sts, missing, "RoleArn"), 400, "MissingOIDCToken");
        assertPopError(StsCalls.get(sts, StsCalls.assumeRoleWithOidc("eyJ-first-token")), 400, "InvalidParameter");
        Map<String, String> duration = StsCalls.assumeRoleWithOidc("eyJ-first-token");
        duration.put("DurationSeconds", "60");
        assertPopError(StsCalls.post(sts, duration, "OIDCToken", "DurationSeconds"), 400,
                "InvalidParameter.DurationSeconds");
        sts.failWith(503);
        assertPopError(StsCalls.oidc(sts, "eyJ-first-token"), 503, "ServiceUnavailable");
        assertTrue(sts.issued().isEmpty());
    }
}
