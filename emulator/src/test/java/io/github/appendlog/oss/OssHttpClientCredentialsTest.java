package io.github.appendlog.oss;

import io.github.appendlog.store.StoreErrorKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.appendlog.emulator.OssEmulator;
import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.credentials.CredentialsProvider;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The client signs each request with the provider's current credentials, asks it to refresh on an
 * auth failure, and resends once a request refused because its key is unknown or expired.
 */
class OssHttpClientCredentialsTest {

    /** Hands out a stale key until asked to refresh, as a rotated credentials file would. */
    private static final class Rotating implements CredentialsProvider {
        final AtomicInteger refreshes = new AtomicInteger();
        volatile Credentials current = new Credentials("id", "stale-secret");
        volatile Credentials next = new Credentials("id", "secret");

        @Override
        public Credentials credentials() {
            return current;
        }

        @Override
        public void invalidate() {
            refreshes.incrementAndGet();
            current = next;
        }
    }

    @Test
    void anAuthFailureRefreshesTheCredentialsAndTheNextRequestUsesThem() throws Exception {
        try (OssEmulator emu = OssEmulator.builder().bucket("logs").credentials("id", "secret").start()) {
            Rotating provider = new Rotating();
            try (OssHttpClient client = OssHttpClient.builder().endpoint(emu.endpoint()).bucket("logs")
                    .credentials(provider).v4(emu.region()).build()) {
                OssServiceException e = assertThrows(OssServiceException.class, () -> client.head("k"));
                assertEquals(StoreErrorKind.AUTH_FAILED, e.kind());
                assertEquals("SignatureDoesNotMatch", e.errorCode(), "a HEAD error is named through x-oss-err");
                assertEquals(1, provider.refreshes.get());
                assertNull(client.head("k"), "signed with the refreshed key: the object simply does not exist");
                client.append("k", 0, new byte[] {'x'}, 0, 1, true);
                assertEquals(1, provider.refreshes.get(), "no refresh without a failure");
            }
        }
    }

    @Test
    void anAppendRefusedForAnUnknownKeyIsResentOnceWithTheRefreshedKeyAndLandsExactlyOnce() throws Exception {
        try (OssEmulator emu = OssEmulator.builder().bucket("logs").credentials("STS.new", "new-secret", "new-token")
                .start()) {
            Rotating provider = new Rotating();
            provider.current = new Credentials("STS.old", "old-secret", "old-token"); // revoked: unknown to the store
            provider.next = new Credentials("STS.new", "new-secret", "new-token");
            byte[] first = "line 1\n".getBytes(StandardCharsets.UTF_8);
            byte[] second = "line 2\n".getBytes(StandardCharsets.UTF_8);
            try (OssHttpClient client = OssHttpClient.builder().endpoint(emu.endpoint()).bucket("logs")
                    .credentials(provider).v4(emu.region()).build()) {
                assertEquals(first.length, client.append("app.log", 0, first, 0, first.length, true).nextPosition());
                assertEquals(1, provider.refreshes.get(), "one forced refresh");
                assertEquals(first.length + second.length,
                        client.append("app.log", first.length, second, 0, second.length, false).nextPosition());
                assertEquals(1, provider.refreshes.get());
                assertEquals("line 1\nline 2\n", new String(client.getRange("app.log", 0, 1000),
                        StandardCharsets.UTF_8), "each line once, in order");
            }
        }
    }
}
