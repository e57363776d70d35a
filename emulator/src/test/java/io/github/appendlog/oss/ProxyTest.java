package io.github.appendlog.oss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.config.InvalidConfigException;
import io.github.appendlog.emulator.OssEmulator;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store client through a loopback proxy: the {@code proxy} setting, the JVM's proxy properties, and {@code none}. */
class ProxyTest {
    private static final String[] PROPERTIES = {"http.proxyHost", "http.proxyPort", "http.nonProxyHosts"};
    private final Map<String, String> saved = new HashMap<>();
    private OssEmulator emu;
    private LoopbackProxy proxy;

    @BeforeEach
    void start() throws Exception {
        for (String p : PROPERTIES) {
            saved.put(p, System.getProperty(p));
        }
        emu = OssEmulator.builder().port(0).bucket("logs").credentials("id", "secret").region("cn-hangzhou").start();
        proxy = new LoopbackProxy();
    }

    @AfterEach
    void stop() throws Exception {
        saved.forEach((p, v) -> {
            if (v == null) {
                System.clearProperty(p);
            } else {
                System.setProperty(p, v);
            }
        });
        proxy.close();
        emu.close();
    }

    private AppendlogConfig config(String proxySetting) {
        return AppendlogConfig.builder().environment(Collections.emptyMap()).name("proxied")
                .endpoint(emu.endpoint()).region("cn-hangzhou").bucket("logs").objectKey("p/app.log")
                .accessKeyId("id").accessKeySecret("secret").proxy(proxySetting).build();
    }

    private void append(AppendlogConfig config, String key, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (OssHttpClient client = OssHttpClient.create(config)) {
            client.append(key, 0, bytes, 0, bytes.length, true);
        }
        assertArrayEquals(bytes, emu.objectBytes("logs", key));
    }

    private long proxiedTo(String key) {
        return proxy.requestLines().stream().filter(l -> l.contains(emu.endpoint() + "/logs/" + key)).count();
    }

    @Test
    void theProxySettingSendsEveryRequestThroughTheProxy() throws Exception {
        append(config(proxy.url()), "set.log", "through the proxy\n");
        assertEquals(1, proxiedTo("set.log"), proxy.requestLines().toString());
    }

    @Test
    void theJvmsProxyPropertiesAreHonouredWhenTheSettingIsUnset() throws Exception {
        System.setProperty("http.proxyHost", "127.0.0.1");
        System.setProperty("http.proxyPort", String.valueOf(proxy.port()));
        // unset or non-empty, the JDK never proxies loopback addresses; an empty list lifts that
        System.setProperty("http.nonProxyHosts", "");
        append(config(null), "jvm.log", "through the JVM's proxy\n");
        assertEquals(1, proxiedTo("jvm.log"), proxy.requestLines().toString());

        append(config("none"), "direct.log", "direct\n");
        assertEquals(0, proxiedTo("direct.log"), "none connects directly: " + proxy.requestLines());

        System.clearProperty("http.nonProxyHosts");
        append(config(null), "default-excluded.log", "direct by the JVM's default nonProxyHosts\n");
        assertEquals(0, proxiedTo("default-excluded.log"), proxy.requestLines().toString());
    }

    @Test
    void withoutProxySettingsConnectionsAreDirect() throws Exception {
        System.clearProperty("http.proxyHost");
        append(config(null), "plain.log", "direct\n");
        assertTrue(proxy.requestLines().isEmpty(), proxy.requestLines().toString());
    }

    @Test
    void aBadProxyIsAConfigurationErrorNamingTheSetting() {
        for (String bad : new String[] {"proxy.example.com:3128", "socks5://127.0.0.1:1080", "http://u:pw@127.0.0.1:1",
                "http://127.0.0.1:1/path"}) {
            InvalidConfigException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidConfigException.class,
                    () -> config(bad));
            assertEquals(1, e.problems().size(), e.getMessage());
            assertTrue(e.problems().get(0).startsWith("proxy: "), e.getMessage());
            assertTrue(!e.getMessage().contains("pw@"), "no password shown: " + e.getMessage());
        }
    }
}
