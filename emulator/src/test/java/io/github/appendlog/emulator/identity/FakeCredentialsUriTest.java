package io.github.appendlog.emulator.identity;

import static io.github.appendlog.emulator.identity.Http.field;
import static io.github.appendlog.emulator.identity.Http.get;
import static io.github.appendlog.emulator.identity.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FakeCredentialsUriTest {

    @Test
    void getAnswersTheMetadataCredentialsJson() throws Exception {
        try (FakeCredentialsUri uri = FakeCredentialsUri.builder().lifetime(Duration.ofSeconds(5)).start()) {
            assertEquals(uri.endpoint() + "/credentials", uri.uri());
            Instant before = Instant.now();
            HttpResponse<String> r = get(uri.uri());
            assertEquals(200, r.statusCode());
            String json = r.body();
            assertTrue(json.startsWith("{\"AccessKeyId\":\"STS."), json);
            assertEquals(uri.lastIssued().accessKeySecret(), field(json, "AccessKeySecret"));
            assertEquals(uri.lastIssued().securityToken(), field(json, "SecurityToken"));
            assertEquals("Success", field(json, "Code"));
            Instant expires = Instant.parse(field(json, "Expiration"));
            assertTrue(!expires.isBefore(before.plusSeconds(5)) && expires.isBefore(Instant.now().plusSeconds(6)));
            assertEquals(1, uri.requestCount());
        }
    }

    @Test
    void otherPathsMethodsAndCodes() throws Exception {
        try (FakeCredentialsUri uri = FakeCredentialsUri.builder().path("/role/creds").code("Failed").start()) {
            assertEquals(404, get(uri.endpoint() + "/credentials").statusCode());
            assertEquals(405, send("POST", uri.uri(), "").statusCode());
            assertEquals("Failed", field(get(uri.uri()).body(), "Code"));
            uri.code("Success");
            assertEquals("Success", field(get(uri.uri() + "?x=1").body(), "Code"), "a query is ignored");
            uri.failWith(503);
            assertEquals(503, get(uri.uri()).statusCode());
            assertEquals(2, uri.issued().size(), "only the two answered GETs minted a key pair");
            assertEquals(5, uri.requestCount());
        }
        assertThrows(IllegalArgumentException.class, () -> FakeCredentialsUri.builder().path("creds"));
    }
}
