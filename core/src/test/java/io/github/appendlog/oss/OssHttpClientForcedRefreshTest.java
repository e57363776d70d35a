package io.github.appendlog.oss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.credentials.CredentialsProvider;
import io.github.appendlog.credentials.CredentialsSource;
import io.github.appendlog.credentials.RefreshingCredentials;
import io.github.appendlog.oss.sign.OssV4Signer;
import io.github.appendlog.store.AppendReply;
import io.github.appendlog.store.StoreErrorKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A 403 that says the credentials expired or are unknown makes the client fetch new ones (bypassing
 * any cache) and resend that one request once, signed with them; any other 403 goes to the caller.
 */
class OssHttpClientForcedRefreshTest {
    static final Credentials OLD = new Credentials("STS.old", "old-secret", "old-token");
    static final Credentials NEW = new Credentials("STS.new", "new-secret", "new-token");
    static final byte[] DATA = "line 1\n".getBytes(StandardCharsets.UTF_8);

    final StubOssServer server;
    OssHttpClient client;

    OssHttpClientForcedRefreshTest() throws IOException {
        server = new StubOssServer();
    }

    @AfterEach
    void close() throws IOException {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    /** Hands out its credentials in turn: the next one after each invalidate. */
    static class Rotating implements CredentialsProvider {
        final Deque<Credentials> next = new ArrayDeque<>();
        final AtomicInteger invalidations = new AtomicInteger();
        volatile Credentials current;
        volatile RuntimeException failure;

        Rotating(Credentials first, Credentials... later) {
            current = first;
            next.addAll(Arrays.asList(later));
        }

        @Override
        public Credentials credentials() {
            if (failure != null) {
                throw failure;
            }
            return current;
        }

        @Override
        public void invalidate() {
            invalidations.incrementAndGet();
            if (!next.isEmpty()) {
                current = next.poll();
            }
        }
    }

    OssHttpClient client(CredentialsProvider credentials) throws IOException {
        client = OssHttpClient.builder().endpoint(server.endpoint()).bucket("logs").credentials(credentials)
                .v4("cn-hangzhou").requestTimeout(Duration.ofSeconds(2)).connectTimeout(Duration.ofSeconds(2))
                .clock(Clock.fixed(OssHttpClientTest.NOW, ZoneOffset.UTC)).build();
        return client;
    }

    static String error(String code) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>refused</Message>"
                + "<RequestId>req-403</RequestId></Error>";
    }

    void replyForbidden(String code) {
        server.reply(403, error(code), "Content-Type", "application/xml", "x-oss-request-id", "req-403");
    }

    void replyAppended(long next) {
        server.reply(200, null, "x-oss-next-append-position", Long.toString(next), "x-oss-request-id", "req-200");
    }

    @Test
    void anAppendRefusedAsSecurityTokenExpiredIsResentOnceWithTheNewCredentialsAndLandsOnce() throws Exception {
        Rotating credentials = new Rotating(OLD, NEW);
        replyForbidden("SecurityTokenExpired");
        replyAppended(DATA.length);

        AppendReply reply = client(credentials).append("app.log", 0, DATA, 0, DATA.length, true);

        assertEquals(DATA.length, reply.nextPosition());
        assertEquals(2, server.seen().size(), "the refused append and its one resend, nothing more");
        StubOssServer.Seen refused = server.seen().get(0);
        StubOssServer.Seen resent = server.seen().get(1);
        assertEquals("old-token", refused.header("x-oss-security-token"));
        assertEquals("new-token", resent.header("x-oss-security-token"));
        assertTrue(resent.header("Authorization").contains("Credential=STS.new/"), resent.header("Authorization"));
        OssHttpClientTest.assertSignedBy(new OssV4Signer("cn-hangzhou"), resent, NEW);
        assertEquals(refused.rawQuery, resent.rawQuery, "the same position");
        assertArrayEquals(DATA, resent.body, "the same bytes");
        assertEquals(1, credentials.invalidations.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SecurityTokenExpired", "InvalidSecurityToken", "InvalidAccessKeyId",
            "AccessKeyIdAndSecurityTokenNotMatch"})
    void eachStaleCredentialsCodeForcesOneRefreshAndOneResend(String code) throws Exception {
        Rotating credentials = new Rotating(OLD, NEW);
        replyForbidden(code);
        replyAppended(DATA.length);

        assertEquals(DATA.length, client(credentials).append("app.log", 0, DATA, 0, DATA.length, true).nextPosition());
        assertEquals(2, server.seen().size());
        assertEquals(1, credentials.invalidations.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SignatureDoesNotMatch", "AccessDenied", "RequestTimeTooSkewed"})
    void anyOther403GoesToTheCallerAndOnlyInvalidatesForTheNextRequest(String code) throws Exception {
        Rotating credentials = new Rotating(OLD, NEW);
        replyForbidden(code);

        OssServiceException e = assertThrows(OssServiceException.class,
                () -> client(credentials).append("app.log", 0, DATA, 0, DATA.length, true));

        assertEquals(code, e.errorCode());
        assertEquals(StoreErrorKind.AUTH_FAILED, e.kind());
        assertEquals(1, server.seen().size(), "not resent");
        assertEquals(1, credentials.invalidations.get(), "the next request looks for new credentials");
    }

    @Test
    void theSameCredentialsAfterTheRefreshAreNotResent() throws Exception {
        Rotating credentials = new Rotating(OLD);
        replyForbidden("SecurityTokenExpired");

        OssServiceException e = assertThrows(OssServiceException.class,
                () -> client(credentials).append("app.log", 0, DATA, 0, DATA.length, true));

        assertEquals("SecurityTokenExpired", e.errorCode());
        assertEquals(1, server.seen().size());
        assertFalse(e.getMessage().contains("old-secret") || e.getMessage().contains("old-token"), e.getMessage());
    }

    @Test
    void aResendRefusedAgainGoesToTheCallerWithoutAThirdRequest() throws Exception {
        Rotating credentials = new Rotating(OLD, NEW, new Credentials("STS.third", "s3", "t3"));
        replyForbidden("SecurityTokenExpired");
        replyForbidden("InvalidAccessKeyId");

        OssServiceException e = assertThrows(OssServiceException.class,
                () -> client(credentials).append("app.log", 0, DATA, 0, DATA.length, true));

        assertEquals(StoreErrorKind.AUTH_FAILED, e.kind());
        assertEquals(2, server.seen().size(), "resent once only");
        assertTrue(e.getMessage().contains("OSS does not know access key id STS.new"), "names the key refused: "
                + e.getMessage());
        assertEquals(2, credentials.invalidations.get(), "the next request looks for newer ones again");
    }

    @Test
    void newCredentialsWithoutATokenAreSentWithoutTheOldToken() throws Exception {
        Credentials longLived = new Credentials("LTAI.key", "key-secret");
        Rotating credentials = new Rotating(OLD, longLived);
        replyForbidden("InvalidSecurityToken");
        replyAppended(DATA.length);

        client(credentials).append("app.log", 0, DATA, 0, DATA.length, true);

        StubOssServer.Seen resent = server.last();
        assertNull(resent.header("x-oss-security-token"));
        OssHttpClientTest.assertSignedBy(new OssV4Signer("cn-hangzhou"), resent, longLived);
    }

    @Test
    void aHeadRefusedAsExpiredThroughXOssErrIsResentToo() throws Exception {
        Rotating credentials = new Rotating(OLD, NEW);
        String err = Base64.getEncoder().encodeToString(error("SecurityTokenExpired").getBytes(StandardCharsets.UTF_8));
        server.reply(403, null, "x-oss-err", err);
        server.reply(404, null, "x-oss-err", Base64.getEncoder().encodeToString(
                error("NoSuchKey").getBytes(StandardCharsets.UTF_8)));

        assertNull(client(credentials).head("app.log"), "the resent HEAD finds no object");
        assertEquals(2, server.seen().size());
        assertEquals("new-token", server.last().header("x-oss-security-token"));
    }

    @Test
    void credentialsThatCannotBeHadFailTheRequestAsAnIoErrorBeforeSendingIt() throws Exception {
        Rotating credentials = new Rotating(OLD);
        credentials.failure = new IllegalStateException("STS unreachable");

        IOException e = assertThrows(IOException.class,
                () -> client(credentials).append("app.log", 0, DATA, 0, DATA.length, true));

        assertTrue(e.getMessage().contains("STS unreachable"), e.getMessage());
        assertTrue(server.seen().isEmpty(), "nothing sent");
    }

    @Test
    void aRefreshThatFailsAfterTheRefusalIsAnIoErrorAndNothingIsResent() throws Exception {
        Rotating credentials = new Rotating(OLD) {
            @Override
            public void invalidate() {
                super.invalidate();
                failure = new IllegalStateException("metadata service down");
            }
        };
        replyForbidden("SecurityTokenExpired");

        IOException e = assertThrows(IOException.class,
                () -> client(credentials).append("app.log", 0, DATA, 0, DATA.length, true));

        assertTrue(e.getMessage().contains("metadata service down"), e.getMessage());
        assertEquals(1, server.seen().size());
    }

    @Test
    void refreshingCredentialsThatStillLookValidAreFetchedAnewWhenTheStoreSaysTheTokenExpired() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        CredentialsSource sts = new CredentialsSource() {
            @Override
            public Credentials fetch() {
                int n = fetches.incrementAndGet();
                return new Credentials("STS." + n, "secret-" + n, "token-" + n, Instant.now().plus(Duration.ofHours(1)));
            }

            @Override
            public String describe() {
                return "test STS";
            }
        };
        RefreshingCredentials credentials = new RefreshingCredentials(sts);
        replyAppended(DATA.length);
        replyForbidden("SecurityTokenExpired"); // revoked early, on the server's side
        replyAppended(2L * DATA.length);
        OssHttpClient c = client(credentials);

        c.append("app.log", 0, DATA, 0, DATA.length, true);
        c.append("app.log", DATA.length, DATA, 0, DATA.length, false);

        assertEquals(2, fetches.get(), "the first, then one forced by the refusal");
        assertEquals(3, server.seen().size());
        assertEquals("token-1", server.seen().get(1).header("x-oss-security-token"));
        assertEquals("token-2", server.seen().get(2).header("x-oss-security-token"));
        assertEquals(server.seen().get(1).rawQuery, server.seen().get(2).rawQuery, "the same position");
    }
}
