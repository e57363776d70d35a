package io.github.appendlog.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.config.InvalidConfigException;
import io.github.appendlog.config.Setting;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every core setting has a Logback setter that reaches it, and the appender keeps core's defaults. */
class SettingsMappingTest {
    /** Logback's own settings of the appender, which are not core settings. */
    private static final Set<String> LOGBACK_ONLY = Set.of("encoder", "includeCallerData");

    private static String setter(String setting) {
        return "set" + Character.toUpperCase(setting.charAt(0)) + setting.substring(1);
    }

    /** A valid text for a text setting, naming the setting where the setting takes any text. */
    private static String textFor(Setting<?> setting) {
        if (setting == Setting.REGION) {
            return "cn-beijing";
        }
        if (setting == Setting.ECS_METADATA_ENDPOINT || setting == Setting.STS_ENDPOINT) {
            return "http://127.0.0.1:9/" + setting.name() + "-value";
        }
        if (setting == Setting.PROXY) {
            return "http://127.0.0.1:3128";
        }
        return setting.name() + "-value";
    }

    private static AppendObjectAppender withRequiredSettings() {
        AppendObjectAppender appender = new AppendObjectAppender();
        appender.setName("OSS");
        appender.setEndpoint("https://oss-cn-hangzhou.aliyuncs.com");
        appender.setBucket("my-logs");
        appender.setObjectKey("app/%i.log");
        appender.setAccessKeyId("id");
        appender.setAccessKeySecret("secret");
        appender.setEnvironment(Map.of());
        return appender;
    }

    @Test
    void everyDeclaredSettingHasAStringSetterAndEveryOtherSetterIsLogbacksOwn() throws Exception {
        Set<String> settings = new TreeSet<>();
        for (Setting<?> setting : Setting.all()) {
            settings.add(setting.name());
            Method method = AppendObjectAppender.class.getMethod(setter(setting.name()), String.class);
            assertEquals(AppenderSettings.class, method.getDeclaringClass(), method.toString());
        }
        List<Method> declared = new ArrayList<>(List.of(AppendObjectAppender.class.getDeclaredMethods()));
        declared.addAll(List.of(AppenderSettings.class.getDeclaredMethods()));
        for (Method method : declared) {
            String name = method.getName();
            if (Modifier.isPublic(method.getModifiers()) && name.startsWith("set") && method.getParameterCount() == 1) {
                String setting = Character.toLowerCase(name.charAt(3)) + name.substring(4);
                assertTrue(settings.contains(setting) || LOGBACK_ONLY.contains(setting),
                        name + " is neither a core setting nor listed as Logback's own");
            }
        }
        for (String own : LOGBACK_ONLY) {
            assertNull(Setting.named(own), own + " is Logback's own, not a core setting");
        }
    }

    @Test
    void eachSetterReachesItsOwnSetting() throws Exception {
        for (Setting<?> setting : Setting.all()) {
            if (setting.type() == String.class) {
                continue; // text settings accept any text; the round trip below covers them
            }
            AppendObjectAppender appender = withRequiredSettings();
            AppendObjectAppender.class.getMethod(setter(setting.name()), String.class).invoke(appender, "@not-a-value");
            InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> appender.settings().build());
            assertEquals(1, e.problems().size(), e.getMessage());
            assertTrue(e.problems().get(0).startsWith(setting.name() + ": '@not-a-value'"), e.getMessage());
        }
        AppendObjectAppender appender = withRequiredSettings();
        for (Setting<?> setting : Setting.all()) {
            if (setting.type() == String.class && setting != Setting.ENDPOINT && setting != Setting.BUCKET
                    && setting != Setting.CREDENTIALS_PROVIDER) { // set alone: below
                AppendObjectAppender.class.getMethod(setter(setting.name()), String.class)
                        .invoke(appender, textFor(setting));
            }
        }
        AppendlogConfig config = appender.settings().build();
        for (Setting<?> setting : Setting.all()) {
            if (setting.type() == String.class && setting != Setting.ENDPOINT && setting != Setting.BUCKET
                    && setting != Setting.CREDENTIALS_FILE && setting != Setting.CREDENTIALS_PROVIDER) {
                assertEquals(textFor(setting), config.get(setting), setting.name());
            }
        }
        AppendObjectAppender withProvider = withRequiredSettings();
        withProvider.setAccessKeyId(null);
        withProvider.setAccessKeySecret(null);
        withProvider.setCredentialsProvider(FixedTestCredentials.class.getName());
        AppendlogConfig fromProvider = withProvider.settings().build();
        assertEquals(FixedTestCredentials.class.getName(), fromProvider.get(Setting.CREDENTIALS_PROVIDER));
        assertEquals("provider-id", fromProvider.credentials().accessKeyId());
    }

    @Test
    void absentSettingsKeepCoresDefaults() {
        AppendlogConfig config = withRequiredSettings().settings().build();
        for (Setting<?> setting : Setting.all()) {
            if (setting.defaultValue() != null) {
                assertEquals(setting.defaultValue(), config.get(setting), setting + ": the adapter keeps core's default");
            }
        }
        assertEquals("cn-hangzhou", config.region());
    }
}
