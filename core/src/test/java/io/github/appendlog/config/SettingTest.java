package io.github.appendlog.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The declarations agree with themselves and with the README's Settings table. */
class SettingTest {
    private static final Pattern ROW = Pattern.compile("\\|\\s*`([A-Za-z]+)`\\s*\\|([^|]*)\\|");

    /** Setting name to Default column (backticks removed), in table order. */
    private static Map<String, String> readmeTable() throws Exception {
        Path readme = Paths.get("..", "README.md");
        assertTrue(Files.isRegularFile(readme), "README.md next to the core module: " + readme.toAbsolutePath());
        List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        int header = lines.indexOf("| Setting | Default | Description |");
        assertTrue(header >= 0, "README has a Settings table");
        Map<String, String> table = new LinkedHashMap<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            Matcher m = ROW.matcher(lines.get(i));
            assertTrue(m.lookingAt(), "a row naming one setting: " + lines.get(i));
            assertNull(table.put(m.group(1), m.group(2).replace("`", "").trim()), "one row per setting: " + m.group(1));
        }
        return table;
    }

    @Test
    void everySettingHasAReadmeRowWhoseDefaultIsTheDeclaredOne() throws Exception {
        Map<String, String> table = readmeTable();
        List<String> declared = new ArrayList<>();
        for (Setting<?> setting : Setting.all()) {
            declared.add(setting.name());
            assertEquals(setting.defaultText(), table.get(setting.name()), setting + ": README's Default column");
        }
        assertEquals(declared, new ArrayList<>(table.keySet()), "the table lists the declared settings, in order");
    }

    @Test
    void theReadmeNamesTheAdapterOnlySettingsOutsideTheTable() throws Exception {
        String readme = new String(Files.readAllBytes(Paths.get("..", "README.md")), StandardCharsets.UTF_8);
        for (String own : new String[] {"Logback only: `encoder`", "`includeCallerData`", "Log4j2 only: any `Layout`",
                "`ignoreExceptions`"}) {
            assertTrue(readme.contains(own), own);
        }
        for (String own : new String[] {"encoder", "includeCallerData", "layout", "ignoreExceptions", "name"}) {
            assertNull(Setting.named(own), own + " is an adapter's own");
        }
    }

    @Test
    void eachDefaultIsItsDefaultTextParsed() {
        for (Setting<?> setting : Setting.all()) {
            if (setting.defaultValue() != null) {
                assertEquals(setting.defaultValue(), setting.parse(setting.defaultText()), setting.name());
                assertEquals(setting.type(), setting.defaultValue().getClass(), setting.name());
                assertNull(setting.outOfRangeOfDefault(), setting.name());
            }
        }
        assertEquals(AppendlogConfig.OSS_MAX_OBJECT_BYTES - 64 * AppendlogConfig.MIB,
                Setting.MAX_OBJECT_BYTES.defaultValue());
    }

    @Test
    void theBuilderHasAStringSetterForEverySettingAndATypedOneForTheOthers() throws Exception {
        for (Setting<?> setting : Setting.all()) {
            AppendlogConfig.Builder.class.getMethod(setting.name(), String.class);
            if (setting.type() != String.class) {
                Class<?> primitive = setting.type() == Long.class ? long.class
                        : setting.type() == Integer.class ? int.class
                        : setting.type() == Boolean.class ? boolean.class : setting.type();
                AppendlogConfig.Builder.class.getMethod(setting.name(), primitive);
            }
        }
    }

    @Test
    void namesAreUniqueAndFoundAndSecretsAreText() {
        List<String> names = new ArrayList<>();
        for (Setting<?> setting : Setting.all()) {
            assertFalse(names.contains(setting.name()), setting.name());
            names.add(setting.name());
            assertSame(setting, Setting.named(setting.name()));
            assertTrue(!setting.secret() || setting.type() == String.class, setting.name());
        }
        assertEquals(List.of("accessKeySecret", "securityToken", "trustStorePassword"),
                names.stream().filter(n -> Setting.named(n).secret()).collect(java.util.stream.Collectors.toList()));
        assertNull(Setting.named("nope"));
    }

    @Test
    void parsingIsTheDeclaredTypes() {
        assertEquals(4L << 20, Setting.MAX_BATCH_BYTES.parse(" 4 MB "));
        assertEquals(Duration.ofMillis(250), Setting.FLUSH_INTERVAL.parse("250 ms"));
        assertEquals(OverflowPolicy.BLOCK, Setting.OVERFLOW_POLICY.parse("block"));
        assertEquals(SignatureVersion.V1, Setting.SIGNATURE_VERSION.parse("OSS"));
        assertEquals(60, Setting.DISCARD_THRESHOLD.parse("60%"));
        assertEquals(true, Setting.ENCODE_ON_CALLER_THREAD.parse("TRUE"));
        assertEquals("x", Setting.REGION.parse(" x "));
        assertNull(Setting.MAX_RETRIES.parse("  "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Setting.MAX_RETRIES.parse("many"));
        assertEquals("'many' is not a whole number", e.getMessage());
        assertEquals("maxRetries: 1001 is out of range [0, 1000]", Setting.MAX_RETRIES.outOfRange(1001));
    }

    @Test
    void aTextWithAnUnknownNameIsAProblemAndAnyKnownNameIsSetByText() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> AppendlogConfig.builder()
                .environment(Map.of()).endpoint("http://127.0.0.1:9000").region("cn-hangzhou").bucket("logs")
                .objectKey("app.log").accessKeyId("id").accessKeySecret("secret").set("maxBuferBytes", "1 MB")
                .build());
        assertEquals(List.of("maxBuferBytes: is not a setting of appendlog"), e.problems());
        AppendlogConfig config = AppendlogConfig.builder().environment(Map.of()).set("endpoint", "http://127.0.0.1:9000")
                .set("region", "cn-hangzhou").set("bucket", "logs").set("objectKey", "app.log").set("accessKeyId", "id")
                .set("accessKeySecret", "secret").set("maxBufferBytes", "8 MB").set("maxBufferBytes", "  ").build();
        assertEquals(Setting.MAX_BUFFER_BYTES.defaultValue(), config.get(Setting.MAX_BUFFER_BYTES), "blank gives the default");
    }
}
