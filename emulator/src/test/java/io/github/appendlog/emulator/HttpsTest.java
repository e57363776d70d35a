package io.github.appendlog.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.oss.sign.OssV4Signer;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

class HttpsTest {

    @Test
    void servesHttpsWithACertificateFromItsTrustStore() throws Exception {
        try (OssEmulator emu = OssEmulator.builder().bucket("logs").credentials("id", "s").https(true).start()) {
            assertTrue(emu.endpoint().startsWith("https://127.0.0.1:"));
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(emu.trustStore())) {
                trust.load(in, OssEmulator.TRUST_STORE_PASSWORD.toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            SignedClient client = new SignedClient(emu.endpoint(), "logs", new Credentials("id", "s"),
                    new OssV4Signer(emu.region()), HttpClient.newBuilder().sslContext(ssl).build());
            assertEquals(200, client.append("k", 0, "secure").statusCode());
            assertEquals("secure", SignedClient.text(client.get("k", java.util.Map.of())));

            SignedClient untrusting = new SignedClient(emu.endpoint(), "logs", new Credentials("id", "s"),
                    new OssV4Signer(emu.region()), HttpClient.newHttpClient());
            assertThrows(SSLHandshakeException.class, () -> untrusting.head("k"));
        }
    }

    @Test
    void trustStoreNeedsHttps() {
        try (OssEmulator emu = OssEmulator.builder().bucket("logs").credentials("id", "s").start()) {
            assertThrows(IllegalStateException.class, emu::trustStore);
        }
    }
}
