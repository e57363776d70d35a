package io.github.appendlog.logback;

import ch.qos.logback.core.Context;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import ch.qos.logback.core.status.StatusManager;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Prints appendlog's own WARN and ERROR statuses (those whose origin is an
 * {@link AppendObjectAppender}) to {@code System.err}, as Logback's {@code OnConsoleStatusListener}
 * would: Logback shows status messages only at configuration time unless a listener is configured,
 * so without this an outage after start would go unseen. INFO and other components' statuses are
 * not printed.
 *
 * <p>Added by {@link #addIfNoListener} when an appender starts, and only to a context with no status
 * listener at all: a configured {@code <statusListener>} ({@code OnConsoleStatusListener},
 * {@code debug="true"}, Spring Boot's) already prints, and a second appendlog appender finds this
 * one. So it is added at most once per context and never prints a status twice. The context's
 * reset removes it like any listener that is not reset-resistant; the next start adds it again.
 */
final class ConsoleStatusPrinter implements StatusListener {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss,SSS");

    /** Adds a printer to {@code context} if it has no status listener; true if it did. */
    static boolean addIfNoListener(Context context) {
        StatusManager statuses = context.getStatusManager();
        if (statuses == null) {
            return false;
        }
        synchronized (statuses) {
            if (!statuses.getCopyOfStatusListenerList().isEmpty()) {
                return false;
            }
            statuses.add(new ConsoleStatusPrinter());
            return true;
        }
    }

    @Override
    public void addStatusEvent(Status status) {
        if (status.getLevel() < Status.WARN || !(status.getOrigin() instanceof AppendObjectAppender)) {
            return;
        }
        PrintStream err = System.err; // read each time, as OnConsoleStatusListener does
        StringBuilder line = new StringBuilder(128)
                .append(LocalTime.ofInstant(Instant.ofEpochMilli(status.getTimestamp()), ZoneId.systemDefault())
                        .format(TIME))
                .append(status.getLevel() == Status.ERROR ? " |-ERROR " : " |-WARN ")
                .append(status.getMessage());
        err.println(line);
        if (status.getLevel() == Status.ERROR && status.getThrowable() != null) {
            status.getThrowable().printStackTrace(err); // an ERROR at run time is a bug: show where
        }
    }
}
