package io.github.appendlog.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.emulator.OssEmulator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * HTTPS verifies the server's certificate by default: the emulator's self-signed certificate is
 * refused with a clear error, and accepted once {@code trustStore} names a store that holds it.
 */
class HttpsTest {

    @ParameterizedTest
    @EnumSource(Framework.class)
    void aSelfSignedCertificateIsRefusedByDefault(Framework fw) throws Exception {
        String prefix = "https-refused/" + fw + "/";
        try (Store store = Store.start(b -> b.https(true))) {
            Map<String, String> settings = store.settings(prefix + "app-%i.log");
            settings.put("shutdownTimeout", "500 ms");
            try (LoggingApp app = fw.start("OSS", settings)) {
                Workload work = new Workload(app, "a", 1);
                work.log(50);
                String error = app.awaitWarning("cannot append");
                assertTrue(error.contains("PKIX") || error.contains("certificat"),
                        "the error says the certificate was refused: " + error);
                app.stop();
                assertEquals(50, app.reportedUnflushed());
            }
            assertEquals(List.of(), store.keys(prefix), "nothing was sent");
        }
    }

    @ParameterizedTest
    @EnumSource(Framework.class)
    void theTrustStoreSettingMakesItTrusted(Framework fw) throws Exception {
        String prefix = "https-trusted/" + fw + "/";
        try (Store store = Store.start(b -> b.https(true))) {
            Map<String, String> settings = store.settings(prefix + "app-%i.log");
            settings.put("trustStore", store.emu().trustStore().toString());
            settings.put("trustStorePassword", OssEmulator.TRUST_STORE_PASSWORD);
            Workload work;
            try (LoggingApp app = fw.start("OSS", settings)) {
                work = new Workload(app, "a", 2);
                work.log(1000);
                app.stop();
                assertTrue(app.errors("").isEmpty(), app.errors("").toString());
            }
            assertTrue(store.emu().endpoint().startsWith("https://"));
            LineCheck check = LineCheck.of(store.bytes(prefix), work.expected());
            assertTrue(check.perfect(), check.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(Framework.class)
    void aTrustedCertificateForAnotherHostNameIsRefused(Framework fw) throws Exception {
        String prefix = "https-wrong-name/" + fw + "/";
        try (Store store = Store.start(b -> b.https(true))) {
            Map<String, String> settings = store.settings(prefix + "app-%i.log");
            // Resolves to 127.0.0.1 through the test hosts file; the certificate names 127.0.0.1 and localhost only.
            settings.put("endpoint", "https://not-the-certificate-name.test:" + store.emu().port());
            settings.put("trustStore", store.emu().trustStore().toString());
            settings.put("trustStorePassword", OssEmulator.TRUST_STORE_PASSWORD);
            settings.put("shutdownTimeout", "500 ms");
            try (LoggingApp app = fw.start("OSS", settings)) {
                new Workload(app, "a", 1).log(20);
                String error = app.awaitWarning("cannot append");
                assertTrue(error.contains("not-the-certificate-name.test") && error.contains("subject alternative names"),
                        "the error says the host name does not match: " + error);
                app.stop();
                assertEquals(20, app.reportedUnflushed());
            }
            assertEquals(List.of(), store.keys(prefix), "nothing was sent");
        }
    }
}
