package io.github.appendlog.log4j2;

import io.github.appendlog.status.StatusReporter;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * Turns core's status reports into Log4j2 status messages (shown with {@code status="warn"} or
 * {@code status="debug"} on the {@code Configuration} element), each naming the appender once:
 * {@code appendlog 'OSS': ...}.
 */
final class StatusLoggerReporter implements StatusReporter {
    private static final Logger LOGGER = StatusLogger.getLogger();
    private static final String UNNAMED = "appendlog: ";

    private final String named;

    StatusLoggerReporter(String appenderName) {
        this.named = "appendlog '" + appenderName + "'";
    }

    @Override
    public void info(String message) {
        LOGGER.info(label(message));
    }

    @Override
    public void warn(String message, Throwable cause) {
        LOGGER.warn(label(message), cause);
    }

    @Override
    public void error(String message, Throwable cause) {
        LOGGER.error(label(message), cause);
    }

    String label(String message) {
        if (message == null) {
            return named;
        }
        if (message.startsWith(named)) {
            return message;
        }
        return named + ": " + (message.startsWith(UNNAMED) ? message.substring(UNNAMED.length()) : message);
    }
}
