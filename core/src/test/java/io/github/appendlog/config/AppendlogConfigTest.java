package io.github.appendlog.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppendlogConfigTest {

    private static AppendlogConfig.Builder valid() {
        return AppendlogConfig.builder()
                .environment(Collections.emptyMap())
                .name("OSS")
                .endpoint("http://127.0.0.1:9000")
                .region("cn-hangzhou")
                .bucket("logs")
                .objectKey("app/%d{yyyy-MM-dd}/host-%i.log")
                .accessKeyId("id")
                .accessKeySecret("secret");
    }

    private static InvalidConfigException invalid(AppendlogConfig.Builder builder) {
        return assertThrows(InvalidConfigException.class, builder::build);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        AppendlogConfig config = valid().build();
        assertEquals(32 * AppendlogConfig.MIB, config.maxBufferBytes());
        assertEquals(4 * AppendlogConfig.MIB, config.maxBatchBytes());
        assertEquals(AppendlogConfig.MIB, config.maxEventBytes());
        assertTrue(config.maxObjectBytes() < AppendlogConfig.OSS_MAX_OBJECT_BYTES);
        assertEquals(Duration.ofSeconds(1), config.flushInterval());
        assertEquals(Duration.ofSeconds(10), config.shutdownTimeout());
        assertEquals(OverflowPolicy.DROP, config.overflowPolicy());
        assertEquals(80, config.discardThreshold());
        assertEquals(SignatureVersion.V4, config.signatureVersion());
        assertEquals("http://127.0.0.1:9000", config.endpoint().toString());
    }

    @Test
    void stringSettingsAreParsedAsUsersTypeThem() {
        AppendlogConfig config = valid().maxBufferBytes("8 MB").maxBatchBytes("512KB").maxEventBytes("64 KiB")
                .flushInterval("250 ms").shutdownTimeout("30 seconds").overflowPolicy("block")
                .maxBlockTime("2s").discardThreshold("90%").signatureVersion("v1").maxRetries("3").build();
        assertEquals(8 * AppendlogConfig.MIB, config.maxBufferBytes());
        assertEquals(512 * AppendlogConfig.KIB, config.maxBatchBytes());
        assertEquals(64 * AppendlogConfig.KIB, config.maxEventBytes());
        assertEquals(Duration.ofMillis(250), config.flushInterval());
        assertEquals(Duration.ofSeconds(30), config.shutdownTimeout());
        assertEquals(OverflowPolicy.BLOCK, config.overflowPolicy());
        assertEquals(Duration.ofSeconds(2), config.maxBlockTime());
        assertEquals(90, config.discardThreshold());
        assertEquals(SignatureVersion.V1, config.signatureVersion());
        assertEquals(3, config.maxRetries());
    }

    @Test
    void everyProblemIsReportedAtOnceNamingItsSetting() {
        InvalidConfigException e = invalid(AppendlogConfig.builder().environment(Collections.emptyMap())
                .name("OSS").flushInterval("soon").maxBufferBytes("-3").overflowPolicy("maybe"));
        String message = e.getMessage();
        for (String setting : new String[] {"endpoint:", "bucket:", "objectKey:", "no credentials:",
                "region:", "flushInterval:", "maxBufferBytes:", "overflowPolicy:"}) {
            assertTrue(message.contains(setting), () -> "missing " + setting + " in " + message);
        }
        assertTrue(message.contains("'OSS'"), message);
        assertEquals(8, e.problems().size(), message);
    }

    @Test
    void aMaxEventBytesEventWithItsBookkeepingMustFitInTheBuffer() {
        long mib = AppendlogConfig.MIB;
        String message = invalid(valid().maxBufferBytes(mib).maxBatchBytes(mib).maxEventBytes(mib)).getMessage();
        assertTrue(message.contains("maxEventBytes") && message.contains("maxBufferBytes"), message);
        valid().maxBufferBytes(2 * mib).maxBatchBytes(mib).maxEventBytes(mib).build();
    }

    @Test
    void absurdSizesAndRelationsAreRefused() {
        assertTrue(invalid(valid().maxBatchBytes(64 * AppendlogConfig.MIB).maxBufferBytes(AppendlogConfig.MIB))
                .getMessage().contains("maxBatchBytes"));
        assertTrue(invalid(valid().maxEventBytes(8 * AppendlogConfig.MIB).maxBatchBytes(4 * AppendlogConfig.MIB))
                .getMessage().contains("maxEventBytes"));
        assertTrue(invalid(valid().maxObjectBytes(6 * AppendlogConfig.GIB)).getMessage().contains("maxObjectBytes"));
        assertTrue(invalid(valid().discardThreshold(101)).getMessage().contains("discardThreshold"));
        assertTrue(invalid(valid().shutdownTimeout(Duration.ofSeconds(-1))).getMessage().contains("shutdownTimeout"));
        assertTrue(invalid(valid().endpoint("ftp://example.com")).getMessage().contains("endpoint"));
        assertTrue(invalid(valid().endpoint("http://127.0.0.1:9000/logs")).getMessage().contains("endpoint"));
        assertTrue(invalid(valid().bucket("Bad_Bucket")).getMessage().contains("bucket"));
        assertTrue(invalid(valid().region("oss cn")).getMessage().contains("region"));
    }

    @Test
    void regionComesFromAnOssEndpointWhenNotSet() {
        AppendlogConfig config = valid().region(null).endpoint("oss-cn-shanghai-internal.aliyuncs.com").build();
        assertEquals("cn-shanghai", config.region());
        assertEquals("https://oss-cn-shanghai-internal.aliyuncs.com", config.endpoint().toString());
    }

    @Test
    void v1NeedsNoRegion() {
        AppendlogConfig config = valid().region(null).signatureVersion(SignatureVersion.V1).build();
        assertNull(config.region());
    }

    @Test
    void credentialsFallBackToTheEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("OSS_ACCESS_KEY_ID", "env-id");
        env.put("OSS_ACCESS_KEY_SECRET", "env-secret");
        env.put("OSS_SESSION_TOKEN", "env-token");
        AppendlogConfig config = valid().accessKeyId(null).accessKeySecret(null).environment(env).build();
        assertEquals("env-id", config.credentials().accessKeyId());
        assertEquals("env-secret", config.credentials().accessKeySecret());
        assertEquals("env-token", config.credentials().securityToken());
        AppendlogConfig explicit = valid().environment(env).build();
        assertEquals("id", explicit.credentials().accessKeyId());
    }

    @Test
    void toStringNeverShowsSecrets() {
        AppendlogConfig config = valid().accessKeySecret("s3cr3t-value").securityToken("t0ken-value").build();
        assertFalse(config.toString().contains("s3cr3t-value"));
        assertFalse(config.toString().contains("t0ken-value"));
        assertTrue(config.toString().contains("id"));
    }

    @Test
    void credentialsFileIsUsedUnlessTheKeyIsSetAndIsNamedInItsErrors(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createDirectories(dir.resolve(".oss")).resolve("credentials");
        java.nio.file.Files.write(file, "[default]\noss_access_key_id = file-id\noss_secret_access_key = file-secret\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        AppendlogConfig fromFile = valid().accessKeyId(null).accessKeySecret(null).credentialsFile(file.toString()).build();
        assertEquals("file-id", fromFile.credentials().accessKeyId());
        assertTrue(fromFile.credentialsProvider().toString().contains("profile file " + file),
                fromFile.credentialsProvider().toString());
        assertFalse(fromFile.toString().contains("file-secret"), fromFile.toString());
        AppendlogConfig explicit = valid().credentialsFile(file.toString()).build();
        assertEquals("id", explicit.credentials().accessKeyId(), "the settings' key wins");
        InvalidConfigException e = invalid(valid().accessKeyId(null).accessKeySecret(null)
                .credentialsFile(dir.resolve("missing").toString()));
        assertTrue(e.getMessage().contains("credentialsFile:") && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void theDefaultCredentialsFileIsTheLastResort(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createDirectories(dir.resolve(".oss")).resolve("credentials");
        java.nio.file.Files.write(file, "[default]\noss_access_key_id = home-id\noss_secret_access_key = home-secret\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        AppendlogConfig config = valid().accessKeyId(null).accessKeySecret(null).home(dir).build();
        assertEquals("home-id", config.credentials().accessKeyId());
        Map<String, String> env = new HashMap<>();
        env.put("OSS_ACCESS_KEY_ID", "env-id");
        env.put("OSS_ACCESS_KEY_SECRET", "env-secret");
        assertEquals("env-id", valid().accessKeyId(null).accessKeySecret(null).environment(env)
                .home(dir).build().credentials().accessKeyId(), "the environment comes first");
        InvalidConfigException none = invalid(valid().accessKeyId(null).accessKeySecret(null)
                .home(dir.resolve("absent")));
        assertTrue(none.getMessage().contains("no credentials: set accessKeyId and accessKeySecret"), none.getMessage());
    }

    @Test
    void aRegionWithTheEndpointPrefixIsRefused() {
        InvalidConfigException e = invalid(valid().region("oss-cn-hangzhou"));
        assertTrue(e.getMessage().contains("region:"), e.getMessage());
    }

    @Test
    void anObjectKeyWithAnUnresolvedVariableIsRefused() {
        assertTrue(invalid(valid().objectKey("logs/${sys:app}/%i.log")).getMessage().contains("objectKey:"));
        assertTrue(invalid(valid().objectKey("logs/app_IS_UNDEFINED/%i.log")).getMessage().contains("objectKey:"));
    }

    @Test
    void aRegionIsInferredOnlyFromARegionalOssEndpoint() {
        assertEquals("cn-hangzhou", valid().region(null).endpoint("https://oss-cn-hangzhou.aliyuncs.com").build().region());
        assertEquals("cn-hangzhou",
                valid().region(null).endpoint("https://oss-cn-hangzhou-internal.aliyuncs.com").build().region());
        assertEquals("ap-southeast-1",
                valid().region(null).endpoint("OSS-AP-SOUTHEAST-1.ALIYUNCS.COM:443").build().region());
        for (String endpoint : new String[] {"https://oss-accelerate.aliyuncs.com",
                "https://oss-accelerate-overseas.aliyuncs.com", "https://my-logs.example.com",
                "https://oss-cn-hangzhou.aliyuncs.com.example.com", "https://oss-cn-hangzhou-internal.example.com",
                "https://cdn.oss-cn-hangzhou.aliyuncs.com", "http://10.0.0.7:9000", "http://127.0.0.1:9000"}) {
            InvalidConfigException e = invalid(valid().region(null).endpoint(endpoint));
            assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("region: is required with signatureVersion V4")),
                    endpoint + " -> " + e.getMessage());
        }
        for (String endpoint : new String[] {"https://oss-accelerate.aliyuncs.com", "http://10.0.0.7:9000"}) {
            assertNull(valid().region(null).endpoint(endpoint).signatureVersion(SignatureVersion.V1).build().region(),
                    "V1 signs without a region: " + endpoint);
        }
    }

    @Test
    void anEndpointWithTheBucketInItsHostIsRefused() {
        InvalidConfigException e = invalid(valid().region(null).endpoint("https://logs.oss-cn-hangzhou.aliyuncs.com"));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("endpoint:") && p.contains("bucket")),
                e.getMessage());
    }
}
