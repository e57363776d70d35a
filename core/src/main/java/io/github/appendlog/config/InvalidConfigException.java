package io.github.appendlog.config;

import java.util.Collections;
import java.util.List;

/** Every problem found in a configuration, each naming its setting. */
public final class InvalidConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidConfigException(String appenderName, List<String> problems) {
        super("appendlog appender '" + appenderName + "' is not configured correctly: " + String.join("; ", problems));
        this.problems = Collections.unmodifiableList(problems);
    }

    /** One entry per problem, each starting with the setting's name. */
    public List<String> problems() {
        return problems;
    }
}
