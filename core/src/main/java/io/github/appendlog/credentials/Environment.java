package io.github.appendlog.credentials;

import java.util.Map;
import java.util.Objects;

/**
 * The environment variables the chain reads, as Alibaba Cloud's libraries read them: a value is
 * trimmed and an empty one counts as unset; a flag is on only when it reads {@code true} (any case).
 * Tests pass a map of their own, so nothing here reads the process's environment.
 */
final class Environment {
    private final Map<String, String> variables;

    Environment(Map<String, String> variables) {
        this.variables = Objects.requireNonNull(variables, "variables");
    }

    /** The trimmed value of {@code name}, or null when unset or blank. */
    String get(String name) {
        String value = variables.get(name);
        return value == null || value.trim().isEmpty() ? null : value.trim();
    }

    boolean has(String name) {
        return get(name) != null;
    }

    /** Whether {@code name} reads {@code true}, ignoring case. */
    boolean flag(String name) {
        return "true".equalsIgnoreCase(get(name));
    }
}
