package io.github.appendlog.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.config.OverflowPolicy;
import io.github.appendlog.config.Setting;
import io.github.appendlog.config.SignatureVersion;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.junit.jupiter.api.Test;

/** The XML attributes map one to one onto core's declared settings, and keep core's defaults. */
class BuilderAttributesTest {

    /** Log4j2's own attributes and elements of the appender, which are not core settings. */
    private static final Set<String> LOG4J2_ONLY = Set.of("name", "ignoreExceptions", "layout", "filter",
            "propertyArray", "configuration");

    @Test
    void everyDeclaredSettingIsASensitiveWhenSecretTextAttributeWithASetter() throws Exception {
        Set<String> attributes = new TreeSet<>();
        for (Field f : BuilderAttributes.class.getDeclaredFields()) {
            if (f.isAnnotationPresent(PluginBuilderAttribute.class)) {
                attributes.add(f.getName());
                assertEquals(String.class, f.getType(), f.getName() + " is kept as text");
            }
        }
        Set<String> settings = new TreeSet<>();
        for (Setting<?> setting : Setting.all()) {
            settings.add(setting.name());
            Field field = BuilderAttributes.class.getDeclaredField(setting.name());
            PluginBuilderAttribute attribute = field.getAnnotation(PluginBuilderAttribute.class);
            assertTrue(attribute != null, setting + " is a @PluginBuilderAttribute");
            assertTrue(attribute.value().isEmpty() || attribute.value().equals(setting.name()), setting.name());
            assertEquals(setting.secret(), attribute.sensitive(), setting + ": sensitive exactly when secret");
            String setter = "set" + Character.toUpperCase(setting.name().charAt(0)) + setting.name().substring(1);
            assertEquals(BuilderAttributes.class, BuilderAttributes.class.getMethod(setter, String.class)
                    .getDeclaringClass(), setter + "(String)");
        }
        assertEquals(settings, attributes, "one attribute per core setting, no other");
        Set<String> inherited = new TreeSet<>();
        for (Class<?> c = BuilderAttributes.class.getSuperclass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                inherited.add(f.getName());
            }
        }
        for (String own : LOG4J2_ONLY) {
            assertTrue(inherited.contains(own), own + " is an attribute of Log4j2's appender builder");
            assertTrue(Setting.named(own) == null, own + " is Log4j2's own, not a core setting");
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
                .setEcsMetadataEndpoint("http://127.0.0.1:8100").setStsEndpoint("http://127.0.0.1:8200/sts")
                .toConfig().environment(Map.of()).build();
        assertEquals("http://127.0.0.1:8100", config.get(Setting.ECS_METADATA_ENDPOINT));
        assertEquals("http://127.0.0.1:8200/sts", config.get(Setting.STS_ENDPOINT));
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
        for (Setting<?> setting : Setting.all()) {
            if (setting.defaultValue() != null) {
                assertEquals(setting.defaultValue(), config.get(setting), setting + ": the adapter keeps core's default");
            }
        }
        assertEquals(defaults.contentType(), config.contentType());
        assertEquals("cn-hangzhou", config.region(), "taken from the endpoint");
        assertNull(config.trustStore());
    }
}
