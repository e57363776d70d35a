package io.github.appendlog.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.config.OverflowPolicy;
import io.github.appendlog.config.SignatureVersion;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.junit.jupiter.api.Test;

/** The XML attributes map one to one onto the core config builder's String setters. */
class BuilderAttributesTest {

    @Test
    void everyAttributeIsNamedAfterACoreSetterTakingText() throws Exception {
        List<String> attributes = new ArrayList<>();
        for (Field f : BuilderAttributes.class.getDeclaredFields()) {
            if (f.isAnnotationPresent(PluginBuilderAttribute.class)) {
                attributes.add(f.getName());
                AppendlogConfig.Builder.class.getMethod(f.getName(), String.class);
                assertEquals(String.class, f.getType(), f.getName() + " is kept as text");
            }
        }
        assertEquals(28, attributes.size(), "all settings: " + attributes);
        for (String secret : new String[] {"accessKeySecret", "securityToken", "trustStorePassword"}) {
            assertTrue(BuilderAttributes.class.getDeclaredField(secret).getAnnotation(PluginBuilderAttribute.class)
                    .sensitive(), secret + " is never printed by Log4j2");
        }
    }

    @Test
    void textValuesReachTheCoreConfig() {
        AppendlogConfig config = AppendObjectAppender.newBuilder().setName("Mapped")
                .setEndpoint("http://127.0.0.1:9000").setRegion("cn-shanghai").setBucket("my-logs")
                .setObjectKey("app/%d{yyyy-MM-dd}/host-%i.log").setAccessKeyId("id").setAccessKeySecret("secret")
                .setSecurityToken("token").setSignatureVersion("V1").setContentType("text/plain")
                .setMaxBufferBytes("8 MB").setMaxBatchBytes("512 KB").setMaxEventBytes("64 KB")
                .setMaxObjectBytes("1 GB").setFlushInterval("250 ms").setOverflowPolicy("block")
                .setMaxBlockTime("2 seconds").setDiscardThreshold("60%").setShutdownTimeout("20 seconds")
                .setConnectTimeout("3 seconds").setRequestTimeout("1 minute").setMaxRetries("7")
                .setRetryBaseDelay("100 ms").setRetryMaxDelay("10 seconds").setDropReportInterval("1 minute")
                .setTrustStore("/tmp/trust.p12").setTrustStorePassword("changeit").setEncodeOnCallerThread("true")
                .toConfig().environment(Map.of()).build();
        assertEquals("Mapped", config.name());
        assertEquals("http://127.0.0.1:9000", config.endpoint().toString());
        assertEquals("cn-shanghai", config.region());
        assertEquals("my-logs", config.bucket());
        assertEquals("app/%d{yyyy-MM-dd}/host-%i.log", config.objectKey());
        assertEquals("token", config.credentials().securityToken());
        assertEquals(SignatureVersion.V1, config.signatureVersion());
        assertEquals("text/plain", config.contentType());
        assertEquals(8L << 20, config.maxBufferBytes());
        assertEquals(512L << 10, config.maxBatchBytes());
        assertEquals(64L << 10, config.maxEventBytes());
        assertEquals(1L << 30, config.maxObjectBytes());
        assertEquals(Duration.ofMillis(250), config.flushInterval());
        assertEquals(OverflowPolicy.BLOCK, config.overflowPolicy());
        assertEquals(Duration.ofSeconds(2), config.maxBlockTime());
        assertEquals(60, config.discardThreshold());
        assertEquals(Duration.ofSeconds(20), config.shutdownTimeout());
        assertEquals(Duration.ofSeconds(3), config.connectTimeout());
        assertEquals(Duration.ofMinutes(1), config.requestTimeout());
        assertEquals(7, config.maxRetries());
        assertEquals(Duration.ofMillis(100), config.retryBaseDelay());
        assertEquals(Duration.ofSeconds(10), config.retryMaxDelay());
        assertEquals(Duration.ofMinutes(1), config.dropReportInterval());
        assertEquals("/tmp/trust.p12", config.trustStore());
        assertEquals("changeit", config.trustStorePassword());
        assertTrue(config.encodeOnCallerThread());
        assertFalse(config.toString().contains("secret"), config.toString());
    }

    @Test
    void absentAttributesKeepTheCoreDefaults() {
        AppendlogConfig config = AppendObjectAppender.newBuilder().setName("Defaults")
                .setEndpoint("https://oss-cn-hangzhou.aliyuncs.com").setBucket("my-logs").setObjectKey("app.log")
                .setAccessKeyId("id").setAccessKeySecret("secret").toConfig().environment(Map.of()).build();
        AppendlogConfig defaults = AppendlogConfig.builder().name("Defaults")
                .endpoint("https://oss-cn-hangzhou.aliyuncs.com").bucket("my-logs").objectKey("app.log")
                .accessKeyId("id").accessKeySecret("secret").environment(Map.of()).build();
        assertEquals(defaults.toString(), config.toString());
        assertEquals(defaults.contentType(), config.contentType());
        assertEquals("cn-hangzhou", config.region(), "taken from the endpoint");
        assertNull(config.trustStore());
    }
}
