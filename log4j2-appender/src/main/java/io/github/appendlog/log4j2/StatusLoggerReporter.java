package io.github.appendlog.log4j2;

import io.github.appendlog.status.StatusReporter;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * Turns core's status reports into Log4j2 status messages (shown with {@code status="debug"} or
 * {@code status="warn"} on the {@code Configuration} element), each naming the appender.
 */
final class StatusLoggerReporter implements StatusReporter {
    private static final Logger LOGGER = StatusLogger.getLogger();

    private final String prefix;

    StatusLoggerReporter(String appenderName) {
        this.prefix = "AppendObject appender '" + appenderName + "': ";
    }

    @Override
    public void info(String message) {
        LOGGER.info(prefix + message);
    }

    @Override
    public void warn(String message, Throwable cause) {
        LOGGER.warn(prefix + message, cause);
    }

    @Override
    public void error(String message, Throwable cause) {
        LOGGER.error(prefix + message, cause);
    }
}
