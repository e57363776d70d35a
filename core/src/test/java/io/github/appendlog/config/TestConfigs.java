package io.github.appendlog.config;

import io.github.appendlog.credentials.CredentialsSource;
import io.github.appendlog.credentials.RefreshingCredentials;

/** For tests in other packages: configs whose credentials come from a source of the test's. */
public final class TestConfigs {
    private TestConfigs() {
    }

    /** {@code config}'s settings with credentials held and refreshed from {@code source}. */
    public static AppendlogConfig withSource(AppendlogConfig config, CredentialsSource source) {
        SettingValues values = new SettingValues();
        for (Setting<?> setting : Setting.all()) {
            copy(config, values, setting);
        }
        return new AppendlogConfig(config.name(), values, config.endpoint(), new RefreshingCredentials(source),
                config.notes());
    }

    private static <T> void copy(AppendlogConfig from, SettingValues to, Setting<T> setting) {
        to.put(setting, from.get(setting));
    }
}
