package io.github.appendlog.credentials;

import static io.github.appendlog.credentials.StubServer.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UriCredentialsSourceTest {
    private StubServer server;
    private CredentialsHttp http;

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

    private UriCredentialsSource source(String pathAndQuery) {
        return new UriCredentialsSource(UriCredentialsSource.parse(server.uri() + pathAndQuery), http,
                EcsMetadataSourceTest.CLOCK);
    }

    @Test
    void getsTheUrlAsGivenAndReadsTheMetadataShape() throws IOException {
        server.on("GET", "/creds", r -> reply(r.rawQuery.equals("auth=query-secret") ? 201 : 400,
                EcsMetadataSourceTest.credentialsJson("Success", "2026-01-02T04:04:05Z")));
        UriCredentialsSource source = source("/creds?auth=query-secret");
        assertEquals("credentials URI " + server.uri() + "/creds", source.describe(), "the query is not shown");
        Credentials c = source.fetch();
        assertEquals("STS.ecs-id", c.accessKeyId());
        assertEquals(EcsMetadataSourceTest.TOKEN, c.securityToken());
        assertEquals("GET", server.requests().get(0).method);
        assertFalse(source.toString().contains("query-secret"));
    }

    @Test
    void aNon2xxStatusOrCodeOtherThanSuccessIsRefused() {
        server.on("GET", "/creds", r -> reply(503, "{}"));
        IOException status = assertThrows(IOException.class, () -> source("/creds?k=query-secret").fetch());
        assertEquals("credentials URI " + server.uri() + "/creds: answered HTTP 503", status.getMessage());
        server.on("GET", "/creds", r -> reply(200, EcsMetadataSourceTest.credentialsJson("Error", "2026-01-02T04:04:05Z")));
        IOException code = assertThrows(IOException.class, () -> source("/creds").fetch());
        assertTrue(code.getMessage().contains("the reply's Code is 'Error', not 'Success'"), code.getMessage());
        EcsMetadataSourceTest.assertNoSecret(code);
    }

    @Test
    void aRedirectIsNotFollowed() {
        server.on("GET", "/creds", r -> reply(302, ""));
        IOException e = assertThrows(IOException.class, () -> source("/creds").fetch());
        assertTrue(e.getMessage().endsWith("answered HTTP 302"), e.getMessage());
    }

    @Test
    void aConnectFailureNamesTheUrlWithoutItsQuery() throws IOException {
        int port = EcsMetadataSourceTest.closedPort();
        UriCredentialsSource source = new UriCredentialsSource(
                UriCredentialsSource.parse("http://user:pw-secret@127.0.0.1:" + port + "/c?token=query-secret"), http,
                EcsMetadataSourceTest.CLOCK);
        IOException e = assertThrows(IOException.class, source::fetch);
        assertTrue(e.getMessage().startsWith("credentials URI http://127.0.0.1:" + port + "/c: GET http://127.0.0.1:"
                + port + "/c: "), e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains("query-secret"), t.getMessage());
            assertFalse(String.valueOf(t.getMessage()).contains("pw-secret"), t.getMessage());
        }
    }

    @Test
    void onlyHttpUrlsWithAHostAreAccepted() {
        for (String bad : new String[] {"ftp://h/x?secret=1", "not a url", "/relative?secret=1", "http:///x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> UriCredentialsSource.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("ALIBABA_CLOUD_CREDENTIALS_URI: "), e.getMessage());
            assertFalse(e.getMessage().contains("secret=1"), e.getMessage());
        }
        assertEquals(URI.create("https://h:8443/p?q=1"), UriCredentialsSource.parse("https://h:8443/p?q=1"));
    }
}
