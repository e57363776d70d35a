package io.github.appendlog.status;

/**
 * How core reports what happens to it. Core never logs through SLF4J or {@code System.err}; each
 * adapter turns these calls into its framework's status messages (Logback {@code addStatus},
 * Log4j2 {@code StatusLogger}). Messages never contain secrets.
 */
public interface StatusReporter {

    void info(String message);

    void warn(String message, Throwable cause);

    void error(String message, Throwable cause);

    default void warn(String message) {
        warn(message, null);
    }

    default void error(String message) {
        error(message, null);
    }

    /** A reporter that passes each message to {@code target} with {@code prefix} before it. */
    static StatusReporter prefixed(String prefix, StatusReporter target) {
        return new StatusReporter() {
            @Override
            public void info(String message) {
                target.info(prefix + message);
            }

            @Override
            public void warn(String message, Throwable cause) {
                target.warn(prefix + message, cause);
            }

            @Override
            public void error(String message, Throwable cause) {
                target.error(prefix + message, cause);
            }
        };
    }

    /** A reporter that discards everything; for tests and tools. */
    StatusReporter NONE = new StatusReporter() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message, Throwable cause) {
        }

        @Override
        public void error(String message, Throwable cause) {
        }
    };
}
