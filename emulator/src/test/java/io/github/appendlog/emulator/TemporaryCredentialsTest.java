package io.github.appendlog.emulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.oss.sign.OssV1Signer;
import io.github.appendlog.oss.sign.OssV4Signer;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Key pairs with an STS token and an expiry, added, expired and removed while the emulator runs. */
class TemporaryCredentialsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private OssEmulator emu;

    @BeforeEach
    void start() {
        emu = OssEmulator.builder().bucket("logs").credentials("long-term", "lt-secret")
                .credentials("STS.old", "old-secret", "old-token", Instant.now().minusSeconds(1))
                .credentials("STS.live", "live-secret", "live-token", Instant.now().plusSeconds(3600)).start();
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    private SignedClient client(String id, String secret, String token, boolean v4) {
        return new SignedClient(emu.endpoint(), "logs", new Credentials(id, secret, token),
                v4 ? new OssV4Signer(emu.region()) : new OssV1Signer(), HTTP);
    }

    private static void assertError(HttpResponse<byte[]> r, String code, String message, String ec) {
        String xml = SignedClient.text(r);
        assertEquals(403, r.statusCode(), xml);
        assertTrue(xml.contains("<Code>" + code + "</Code>"), xml);
        assertTrue(xml.contains("<Message>" + message + "</Message>"), xml);
        assertTrue(xml.contains("<EC>" + ec + "</EC>"), xml);
        assertEquals(ec, r.headers().firstValue("x-oss-ec").orElseThrow());
    }

    @Test
    void theRightTokenPastItsExpiryIsSecurityTokenExpired() throws Exception {
        for (boolean v4 : new boolean[] {false, true}) {
            HttpResponse<byte[]> r = client("STS.old", "old-secret", "old-token", v4).append("k", 0, "x");
            assertError(r, "SecurityTokenExpired", "The security token you provided has expired.", "0002-00000007");
            assertFalse(SignedClient.text(r).contains("old-token") || SignedClient.text(r).contains("old-secret"));
        }
        assertEquals(200, client("STS.live", "live-secret", "live-token", true).append("k", 0, "x").statusCode());
        assertEquals(2, emu.refusals("SecurityTokenExpired"), "each refusal counted by its code");
        assertEquals(0, emu.refusals("InvalidSecurityToken"));
    }

    @Test
    void aKeyPairIsAcceptedUntilItsExpiryThenRefused() throws Exception {
        Instant expiry = Instant.now().plusMillis(1500);
        emu.addCredentials("STS.short", "short-secret", "short-token", expiry);
        SignedClient c = client("STS.short", "short-secret", "short-token", true);
        assertEquals(200, c.append("k", 0, "a").statusCode());
        await().atMost(Duration.ofSeconds(5)).until(() -> c.append("k", 1, "b").statusCode() == 403);
        assertTrue(Instant.now().isAfter(expiry.minusMillis(1)), "refused only from the expiry on");
        assertError(c.append("k", 1, "b"), "SecurityTokenExpired", "The security token you provided has expired.",
                "0002-00000007");
    }

    @Test
    void aWrongOrMissingTokenIsInvalidSecurityToken() throws Exception {
        for (String token : new String[] {"other-token", null}) {
            assertError(client("STS.live", "live-secret", token, true).append("k", 0, "x"), "InvalidSecurityToken",
                    "The security token you provided is invalid.", "0002-00000006");
        }
        assertError(client("STS.old", "old-secret", "wrong", false).append("k", 0, "x"), "InvalidSecurityToken",
                "The security token you provided is invalid.", "0002-00000006");
    }

    @Test
    void anUnknownIdIsInvalidAccessKeyId() throws Exception {
        HttpResponse<byte[]> r = client("STS.nobody", "s", "t", true).append("k", 0, "x");
        assertError(r, "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.",
                "0002-00000002");
        assertTrue(SignedClient.text(r).contains("<OSSAccessKeyId>STS.nobody</OSSAccessKeyId>"));
    }

    @Test
    void aTokenWithAKeyPairThatHasNoneIsAccessKeyIdAndSecurityTokenNotMatch() throws Exception {
        for (boolean v4 : new boolean[] {false, true}) {
            assertError(client("long-term", "lt-secret", "some-token", v4).append("k", 0, "x"),
                    "AccessKeyIdAndSecurityTokenNotMatch",
                    "The OSS access key id and security token you provided does not match.", "0002-00000004");
        }
        assertEquals(200, client("long-term", "lt-secret", null, true).append("k", 0, "x").statusCode());
    }

    @Test
    void headRepliesCarryTheCodeInXOssErr() throws Exception {
        HttpResponse<byte[]> r = client("STS.old", "old-secret", "old-token", true).head("k");
        assertEquals(403, r.statusCode());
        assertEquals(0, r.body().length);
        assertEquals("0002-00000007", r.headers().firstValue("x-oss-ec").orElseThrow());
        String xml = new String(Base64.getDecoder().decode(r.headers().firstValue("x-oss-err").orElseThrow()),
                StandardCharsets.UTF_8);
        assertTrue(xml.contains("<Code>SecurityTokenExpired</Code>"), xml);
        HttpResponse<byte[]> mismatch = client("long-term", "lt-secret", "t", false).head("k");
        String mismatchXml = new String(Base64.getDecoder().decode(
                mismatch.headers().firstValue("x-oss-err").orElseThrow()), StandardCharsets.UTF_8);
        assertTrue(mismatchXml.contains("<Code>AccessKeyIdAndSecurityTokenNotMatch</Code>"), mismatchXml);
    }

    @Test
    void keyPairsAddedExpiredAndRemovedAtRunTime() throws Exception {
        SignedClient first = client("STS.rt", "rt-secret", "rt-token-1", true);
        assertEquals(403, first.append("k", 0, "x").statusCode(), "not known yet");
        emu.addCredentials("STS.rt", "rt-secret", "rt-token-1", Instant.now().plusSeconds(3600));
        assertEquals(200, first.append("k", 0, "x").statusCode());

        emu.expireCredentials("STS.rt");
        assertError(first.append("k", 1, "y"), "SecurityTokenExpired",
                "The security token you provided has expired.", "0002-00000007");

        emu.addCredentials(new Credentials("STS.rt", "rt-secret", "rt-token-2", Instant.now().plusSeconds(3600)));
        SignedClient second = client("STS.rt", "rt-secret", "rt-token-2", false);
        assertEquals(200, second.append("k", 1, "y").statusCode(), "a new token under the same id is valid");
        assertEquals(403, first.append("k", 2, "z").statusCode(), "the old token is not");

        assertTrue(emu.removeCredentials("STS.rt"));
        assertFalse(emu.removeCredentials("STS.rt"));
        assertError(second.append("k", 2, "z"), "InvalidAccessKeyId",
                "The OSS Access Key Id you provided does not exist in our records.", "0002-00000002");
        assertThrows(IllegalArgumentException.class, () -> emu.expireCredentials("STS.rt"));
    }

    @Test
    void aKeyPairWithoutATokenPastItsExpiryCountsAsUnknown() throws Exception {
        emu.addCredentials("expiring", "e-secret", null, Instant.now().minusSeconds(1));
        assertError(client("expiring", "e-secret", null, true).append("k", 0, "x"), "InvalidAccessKeyId",
                "The OSS Access Key Id you provided does not exist in our records.", "0002-00000002");
        emu.expireCredentials("long-term");
        assertEquals(403, client("long-term", "lt-secret", null, true).append("k", 0, "x").statusCode());
    }
}
