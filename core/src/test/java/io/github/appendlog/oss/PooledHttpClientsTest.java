package io.github.appendlog.oss;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PooledHttpClientsTest {
    @TempDir
    Path dir;

    Path store(String type, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance(type);
        ks.load(null, null);
        Path file = dir.resolve("trust." + type.toLowerCase());
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password.toCharArray());
        }
        return file;
    }

    @Test
    void loadsPkcs12AndJksTrustStores() throws Exception {
        assertNotNull(PooledHttpClients.sslContext(store("PKCS12", "pw"), "pw".toCharArray()));
        assertNotNull(PooledHttpClients.sslContext(store("JKS", "pw"), "pw".toCharArray()));
    }

    @Test
    void aWrongPasswordOrAMissingFileIsExplained() throws Exception {
        Path p12 = store("PKCS12", "right");
        IOException wrong = assertThrows(IOException.class,
                () -> PooledHttpClients.sslContext(p12, "wrong".toCharArray()));
        assertTrue(wrong.getMessage().contains("trustStorePassword"), wrong.getMessage());
        Path missing = dir.resolve("missing.p12");
        IOException absent = assertThrows(IOException.class, () -> PooledHttpClients.sslContext(missing, null));
        assertTrue(absent.getMessage().contains("does not exist"), absent.getMessage());
        Path garbage = Files.write(dir.resolve("garbage.p12"), new byte[] {1, 2, 3});
        assertThrows(IOException.class, () -> PooledHttpClients.sslContext(garbage, null));
    }

    @Test
    void buildsAClientWithAndWithoutATrustStore() throws Exception {
        try (CloseableHttpClient a = PooledHttpClients.create(Duration.ofSeconds(1), Duration.ofSeconds(1), null, null, null);
                CloseableHttpClient b = PooledHttpClients.create(Duration.ofSeconds(1), Duration.ofSeconds(1),
                        store("PKCS12", "pw"), "pw".toCharArray(), null)) {
            assertNotNull(a);
            assertNotNull(b);
        }
    }
}
