package io.github.appendlog.credentials;

import static io.github.appendlog.credentials.StubServer.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.oss.BlackHoleServer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CredentialsHttpTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void sendsTheRequestWithItsHeadersAndFormAndReadsTheReply() throws IOException {
        List<URI> seen = new CopyOnWriteArrayList<>();
        try (StubServer server = new StubServer(); CredentialsHttp http = new CredentialsHttp(seen::add)) {
            server.on("POST", "/x", r -> reply(201, "{\"echo\":\"" + r.body + "\"}"));
            URI url = URI.create(server.uri() + "/x?a=b");
            CredentialsHttp.Reply reply = http.send("POST", url, Map.of("X-Custom", "v"), "k=v%20w", SECOND, SECOND);
            assertEquals(201, reply.status);
            assertEquals("{\"echo\":\"k=v%20w\"}", reply.body);
            assertEquals("application/json", reply.header("content-type"));
            assertNull(reply.header("X-Absent"));
            StubServer.Request r = server.requests().get(0);
            assertEquals("v", r.header("X-Custom"));
            assertEquals("appendlog", r.header("User-Agent"));
            assertEquals("identity", r.header("Accept-Encoding"));
            assertTrue(r.header("Content-Type").startsWith("application/x-www-form-urlencoded"));
            assertNull(r.header("Cookie"));
            assertEquals(List.of(url), seen);
        }
    }

    @Test
    void theResponseTimeoutIsThePerRequestOne() throws IOException {
        try (BlackHoleServer blackHole = new BlackHoleServer(); CredentialsHttp http = new CredentialsHttp()) {
            long started = System.nanoTime();
            IOException e = assertThrows(IOException.class, () -> http.send("GET",
                    URI.create(blackHole.endpoint() + "/p?token=query-secret"), Collections.emptyMap(), null, SECOND,
                    Duration.ofMillis(300)));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis >= 250 && millis < 900, millis + " ms");
            assertTrue(e.getMessage().startsWith("GET " + blackHole.endpoint() + "/p: "), e.getMessage());
            assertFalse(e.getMessage().contains("query-secret"), e.getMessage());
        }
    }

    @Test
    void aReplyLongerThanTheLimitIsRefused() throws IOException {
        try (StubServer server = new StubServer(); CredentialsHttp http = new CredentialsHttp()) {
            server.on("GET", "/big", r -> reply(200, "x".repeat(CredentialsHttp.MAX_BODY_BYTES + 1)));
            IOException e = assertThrows(IOException.class,
                    () -> http.send("GET", URI.create(server.uri() + "/big"), Collections.emptyMap(), null, SECOND, SECOND));
            assertTrue(e.getMessage().contains("longer than " + CredentialsHttp.MAX_BODY_BYTES), e.getMessage());
        }
    }

    @Test
    void closingReleasesTheClientAndTheNextRequestBuildsAnother() throws IOException {
        try (StubServer server = new StubServer()) {
            server.on("GET", "/", r -> reply(200, "ok"));
            CredentialsHttp http = new CredentialsHttp();
            assertFalse(http.holdsClient(), "nothing is built before the first request");
            assertEquals("ok", http.send("GET", server.uri(), Collections.emptyMap(), null, SECOND, SECOND).body);
            assertTrue(http.holdsClient());
            http.close();
            http.close();
            assertFalse(http.holdsClient());
            assertEquals("ok", http.send("GET", server.uri(), Collections.emptyMap(), null, SECOND, SECOND).body);
            http.close();
        }
    }

    @Test
    void safeDropsUserInfoQueryAndFragment() {
        assertEquals("https://h:8443/a/b", CredentialsHttp.safe(URI.create("https://u:p@h:8443/a/b?x=1#f")));
        assertEquals("http://127.0.0.1", CredentialsHttp.safe(URI.create("http://127.0.0.1")));
    }
}
