package io.github.appendlog.delivery;

import static io.github.appendlog.delivery.EmulatorFixture.BUCKET;
import static io.github.appendlog.delivery.EmulatorFixture.ID;
import static io.github.appendlog.delivery.EmulatorFixture.SECRET;
import static io.github.appendlog.delivery.EmulatorFixture.append;
import static io.github.appendlog.delivery.EmulatorFixture.batch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.emulator.OssEmulator;
import io.github.appendlog.emulator.Operation;
import io.github.appendlog.store.StoreErrorKind;
import io.github.appendlog.oss.OssHttpClient;
import io.github.appendlog.oss.OssServiceException;
import io.github.appendlog.credentials.Credentials;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Configuration against the emulator: signing versions, credentials, buckets, HTTPS and key
 * encoding, through {@link OssHttpClient#create} as an appender builds it.
 */
class AppendWriterSetupEmulatorTest {
    EmulatorFixture fx = new EmulatorFixture();

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    AppendlogConfig.Builder config() {
        return AppendlogConfig.builder().endpoint(fx.emu.endpoint()).region(fx.emu.region()).bucket(BUCKET)
                .objectKey("app.log").accessKeyId(ID).accessKeySecret(SECRET).requestTimeout(Duration.ofSeconds(5))
                .maxRetries(4).retryBaseDelay(Duration.ofMillis(5)).retryMaxDelay(Duration.ofMillis(20));
    }

    AppendWriter writer(AppendlogConfig config, String key) {
        return new AppendWriter(fx.track(OssHttpClient.create(config)), key, WriterOptions.from(config), fx.status());
    }

    @Test
    void v1SigningWithFaults() throws Exception {
        AppendWriter w = writer(config().signatureVersion("V1").build(), "v1/app.log");
        List<byte[]> batches = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            if (i == 2) {
                fx.emu.faults().applyThenDrop(1).resetBeforeApply(1).slowDown(Operation.APPEND, 1);
            }
            byte[] b = batch("v1", i);
            append(w, b);
            batches.add(b);
        }
        assertEquals(0, fx.emu.faults().activeRules());
        fx.assertObject(w, batches);
    }

    @Test
    void v4SigningFromTheConfig() throws Exception {
        AppendWriter w = writer(config().build(), "v4/app.log");
        byte[] b = batch("v4", 0);
        append(w, b);
        fx.assertObject(w, List.of(b));
    }

    @Test
    void keysWithSpacesUnicodeAndReservedCharactersRoundTrip() throws Exception {
        for (String key : List.of("logs/日志 2024/a+b=c&d.log", "logs/x%41y/#1?.log", "logs//double/~tilde.log")) {
            AppendWriter w = writer(config().build(), key);
            byte[] b = batch("k", key.length());
            append(w, b);
            append(w, b);
            assertArrayEquals(EmulatorFixture.concat(List.of(b, b)), fx.object(key), key);
        }
        assertEquals(3, fx.emu.objectKeys(BUCKET, "logs/").size());
    }

    @Test
    void aWrongSecretFailsAtOnceWithAHelpfulMessage() throws Exception {
        String wrongSecret = "wrong-secret-do-not-print";
        AppendlogConfig config = config().accessKeySecret(wrongSecret).build();
        AppendWriter w = writer(config, "auth.log");
        AppendFailedException e = assertThrows(AppendFailedException.class, () -> append(w, batch("w", 0)));
        assertEquals(StoreErrorKind.AUTH_FAILED, e.kind());
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("accessKeySecret"), e.getMessage());
        assertTrue(e.getMessage().contains(ID), e.getMessage());
        // The failing request is the HEAD: its x-oss-err header names the code.
        assertTrue(e.getMessage().contains("SignatureDoesNotMatch"), e.getMessage());
        assertNoSecret(e, wrongSecret);
        assertEquals(1, fx.emu.requestCount(Operation.ANY), "no retries for an auth failure");

        // The append itself (which has an error body) names the exact code.
        try (OssHttpClient client = OssHttpClient.create(config)) {
            OssServiceException direct = assertThrows(OssServiceException.class,
                    () -> client.append("auth.log", 0, new byte[1], 0, 1, true));
            assertEquals("SignatureDoesNotMatch", direct.errorCode());
            assertTrue(direct.getMessage().startsWith("SignatureDoesNotMatch: the signature OSS computed differs from"
                    + " ours; check accessKeySecret for access key id " + ID), direct.getMessage());
            assertTrue(direct.getMessage().contains("request id "), direct.getMessage());
            assertNoSecret(direct, wrongSecret);
        }
        assertNull(fx.object("auth.log"));
        // The writer throws; its caller (the pipeline) reports the failure, so it is not an error twice.
        assertTrue(fx.errors.isEmpty(), fx.errors.toString());
    }

    @Test
    void stsCredentialsSignWithTheirToken() throws Exception {
        fx.close();
        fx = new EmulatorFixture(OssEmulator.builder().port(0).bucket(BUCKET).credentials("STS.id", "sts-secret",
                "the-session-token"));
        for (String version : List.of("V4", "V1")) {
            AppendlogConfig config = config().accessKeyId("STS.id").accessKeySecret("sts-secret")
                    .securityToken("the-session-token").signatureVersion(version).build();
            AppendWriter w = writer(config, "sts-" + version + ".log");
            byte[] b = batch(version, 1);
            append(w, b);
            fx.assertObject(w, List.of(b));
        }
        AppendlogConfig stale = config().accessKeyId("STS.id").accessKeySecret("sts-secret")
                .securityToken("an-old-token").build();
        try (OssHttpClient client = OssHttpClient.create(stale)) {
            OssServiceException e = assertThrows(OssServiceException.class,
                    () -> client.append("sts.log", 0, new byte[1], 0, 1, true));
            assertEquals(StoreErrorKind.AUTH_FAILED, e.kind());
            assertTrue(e.getMessage().contains("securityToken"), e.getMessage());
            assertFalse(e.getMessage().contains("an-old-token"), e.getMessage());
            assertFalse(client.toString().contains("an-old-token"), client.toString());
        }
    }

    @Test
    void anUnknownAccessKeyIdIsNamed() throws Exception {
        try (OssHttpClient client = OssHttpClient.create(config().accessKeyId("LTAIunknown").build())) {
            OssServiceException e = assertThrows(OssServiceException.class,
                    () -> client.append("id.log", 0, new byte[1], 0, 1, true));
            assertEquals("InvalidAccessKeyId", e.errorCode());
            assertTrue(e.getMessage().contains("check accessKeyId"), e.getMessage());
            assertTrue(e.getMessage().contains("LTAIunknown"), e.getMessage());
        }
    }

    @Test
    void aMissingBucketFailsAtOnceNamingBucketAndEndpoint() throws Exception {
        AppendWriter w = writer(config().bucket("no-such-bucket").build(), "bucket.log");
        AppendFailedException e = assertThrows(AppendFailedException.class, () -> append(w, batch("w", 0)));
        assertEquals(StoreErrorKind.NO_SUCH_BUCKET, e.kind());
        assertEquals("NoSuchBucket", e.errorCode());
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("bucket 'no-such-bucket' does not exist at " + fx.emu.endpoint()
                + "; check bucket and endpoint/region"), e.getMessage());
    }

    @Test
    void httpsWithTheEmulatorsTrustStore() throws Exception {
        fx.close();
        fx = new EmulatorFixture(OssEmulator.builder().port(0).bucket(BUCKET).credentials(ID, SECRET).https(true));
        assertTrue(fx.emu.endpoint().startsWith("https://"));
        AppendlogConfig config = config().trustStore(fx.emu.trustStore().toString())
                .trustStorePassword(OssEmulator.TRUST_STORE_PASSWORD).build();
        AppendWriter w = writer(config, "tls.log");
        List<byte[]> batches = List.of(batch("tls", 0), batch("tls", 1));
        fx.emu.faults().applyThenDrop(1);
        for (byte[] b : batches) {
            append(w, b);
        }
        assertEquals(0, fx.emu.faults().activeRules());
        fx.assertObject(w, batches);
    }

    @Test
    void httpsVerifiesCertificatesByDefault() throws Exception {
        fx.close();
        fx = new EmulatorFixture(OssEmulator.builder().port(0).bucket(BUCKET).credentials(ID, SECRET).https(true));
        try (OssHttpClient client = OssHttpClient.create(config().build())) {
            IOException e = assertThrows(IOException.class, () -> client.head("tls.log"));
            assertTrue(e instanceof javax.net.ssl.SSLException, e.toString());
        }
    }

    @Test
    void aTrustStoreWithTheWrongPasswordIsRefusedWhenTheClientIsCreated() throws Exception {
        fx.close();
        fx = new EmulatorFixture(OssEmulator.builder().port(0).bucket(BUCKET).credentials(ID, SECRET).https(true));
        AppendlogConfig config = config().trustStore(fx.emu.trustStore().toString()).trustStorePassword("wrong").build();
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                () -> OssHttpClient.create(config));
        assertTrue(e.getMessage().contains("trustStorePassword"), e.getMessage());
    }

    private static void assertNoSecret(Throwable e, String secret) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(secret), t.toString());
            assertFalse(t.toString().contains(secret), t.toString());
        }
    }
}
