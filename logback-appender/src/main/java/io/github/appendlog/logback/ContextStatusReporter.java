package io.github.appendlog.logback;

import ch.qos.logback.core.spi.ContextAware;
import io.github.appendlog.status.StatusReporter;

/**
 * Turns core's status reports into Logback status messages ({@code addInfo}/{@code addWarn}/
 * {@code addError}) whose origin is the appender, so {@code debug="true"} and status listeners
 * show them; nothing goes through a logger, so nothing can come back to the appender.
 */
final class ContextStatusReporter implements StatusReporter {
    private final ContextAware origin;

    ContextStatusReporter(ContextAware origin) {
        this.origin = origin;
    }

    @Override
    public void info(String message) {
        origin.addInfo(message);
    }

    @Override
    public void warn(String message, Throwable cause) {
        origin.addWarn(message, cause);
    }

    @Override
    public void error(String message, Throwable cause) {
        origin.addError(message, cause);
    }
}
