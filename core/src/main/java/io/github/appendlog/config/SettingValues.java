package io.github.appendlog.config;

import java.util.IdentityHashMap;
import java.util.Map;

/** A value for every {@link Setting}, starting at its default. Not thread-safe; copied into a config. */
final class SettingValues {
    private final Map<Setting<?>, Object> values = new IdentityHashMap<>();

    SettingValues() {
        for (Setting<?> setting : Setting.all()) {
            values.put(setting, setting.defaultValue());
        }
    }

    private SettingValues(SettingValues other) {
        values.putAll(other.values);
    }

    <T> T get(Setting<T> setting) {
        return setting.type().cast(values.get(setting));
    }

    <T> void put(Setting<T> setting, T value) {
        values.put(setting, value);
    }

    SettingValues copy() {
        return new SettingValues(this);
    }
}
