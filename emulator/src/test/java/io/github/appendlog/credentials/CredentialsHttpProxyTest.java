package io.github.appendlog.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.emulator.OssEmulator;
import io.github.appendlog.oss.LoopbackProxy;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** The credential requests follow the store's proxy rule, except to the instance-metadata host. */
class CredentialsHttpProxyTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void credentialRequestsGoThroughTheProxySetting() throws Exception {
        try (OssEmulator emu = OssEmulator.builder().port(0).bucket("logs").credentials("id", "s").start();
                LoopbackProxy proxy = new LoopbackProxy();
                CredentialsHttp http = new CredentialsHttp(uri -> { }, proxy.url(), "100.100.100.200")) {
            URI sts = URI.create(emu.endpoint() + "/sts-like");
            CredentialsHttp.Reply reply = http.send("GET", sts, Collections.emptyMap(), null, SECOND, SECOND);
            assertTrue(reply.status > 0);
            assertEquals(1, proxy.requestLines().size(), proxy.requestLines().toString());
            assertTrue(proxy.requestLines().get(0).startsWith("GET " + sts), proxy.requestLines().toString());
        }
    }

    @Test
    void theMetadataHostIsAlwaysReachedDirectly() throws Exception {
        try (OssEmulator emu = OssEmulator.builder().port(0).bucket("logs").credentials("id", "s").start();
                LoopbackProxy proxy = new LoopbackProxy();
                CredentialsHttp http = new CredentialsHttp(uri -> { }, proxy.url(), "127.0.0.1")) {
            CredentialsHttp.Reply reply = http.send("GET", URI.create(emu.endpoint() + "/latest/meta-data/"),
                    Collections.emptyMap(), null, SECOND, SECOND);
            assertTrue(reply.status > 0);
            assertTrue(proxy.requestLines().isEmpty(), proxy.requestLines().toString());
        }
    }

    @Test
    void theChainGivesItsSourcesTheProxySetting() throws Exception {
        try (OssEmulator emu = OssEmulator.builder().port(0).bucket("logs").credentials("id", "s").start();
                LoopbackProxy proxy = new LoopbackProxy()) {
            String uri = emu.endpoint() + "/credentials";
            java.util.List<String> problems = new java.util.ArrayList<>();
            CredentialsSource source = CredentialsChain.builder()
                    .environment(Collections.singletonMap("ALIBABA_CLOUD_CREDENTIALS_URI", uri))
                    .home(java.nio.file.Files.createTempDirectory("home")).proxy(proxy.url())
                    .ecsMetadataEndpoint("http://localhost:1") // reached directly; never asked here
                    .build().resolve(problems);
            assertTrue(problems.isEmpty(), problems.toString());
            try {
                source.fetch();
            } catch (Exception expected) {
                // the emulator is no credentials server; what matters is where the request went
            }
            assertTrue(proxy.requestLines().stream().anyMatch(l -> l.startsWith("GET " + uri)),
                    source.describe() + " " + proxy.requestLines());
            source.close();
        }
    }
}
