package io.github.appendlog.log4j2;

import io.github.appendlog.status.StatusReporter;
import java.io.PrintStream;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * Turns core's status reports into Log4j2 status messages (shown with {@code status="warn"} or
 * {@code status="debug"} on the {@code Configuration} element), each naming the appender once:
 * {@code appendlog 'OSS': ...}.
 *
 * <p>Log4j2's status logger shows only ERROR by default, so a runtime warning (the store down,
 * drops) would reach nobody. A warning that no status listener shows is therefore also printed to
 * standard error, one line, as the status logger's console would print it. Registering a listener
 * of our own is not an option: once one is registered, the status logger stops printing everything
 * else to the console.
 */
final class StatusLoggerReporter implements StatusReporter {
    private static final StatusLogger LOGGER = StatusLogger.getLogger();
    private static final String UNNAMED = "appendlog: ";

    private final String named;
    private final PrintStream console;
    private final BooleanSupplier warningsShown;

    StatusLoggerReporter(String appenderName) {
        this(appenderName, System.err, StatusLoggerReporter::statusLoggerShowsWarnings);
    }

    StatusLoggerReporter(String appenderName, PrintStream console, BooleanSupplier warningsShown) {
        this.named = "appendlog '" + appenderName + "'";
        this.console = console;
        this.warningsShown = warningsShown;
    }

    /**
     * Whether a WARN status reaches someone: a registered listener at WARN or finer, or, with none
     * registered, the status logger's console fallback at WARN or finer ({@code status="warn"}).
     */
    static boolean statusLoggerShowsWarnings() {
        boolean anyListener = false;
        for (StatusListener listener : LOGGER.getListeners()) {
            anyListener = true;
            if (listener.getStatusLevel().isLessSpecificThan(Level.WARN)) {
                return true;
            }
        }
        return !anyListener && LOGGER.getFallbackListener().getStatusLevel().isLessSpecificThan(Level.WARN);
    }

    @Override
    public void info(String message) {
        LOGGER.info(label(message));
    }

    @Override
    public void warn(String message, Throwable cause) {
        String text = label(message);
        LOGGER.warn(text, cause);
        if (!warningsShown.getAsBoolean()) {
            console.println(Instant.now() + " " + Thread.currentThread().getName() + " WARN " + text
                    + (cause == null ? "" : " (" + cause + ")"));
        }
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
