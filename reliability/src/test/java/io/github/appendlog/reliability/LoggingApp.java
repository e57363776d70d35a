package io.github.appendlog.reliability;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One application: a logger context of one framework, configured from a real XML file in
 * {@code src/test/resources}, with every status message it produces captured. Closing it checks
 * that no status message shows the secret or the token.
 */
abstract class LoggingApp implements AutoCloseable {
    /** A captured status message: level and text (with the messages of its throwable's causes). */
    static final class Status {
        final String level;
        final String text;

        Status(String level, String text) {
            this.level = level;
            this.text = text;
        }

        boolean isError() {
            return level.equals("ERROR");
        }

        @Override
        public String toString() {
            return level + " " + text;
        }
    }

    private static final Pattern DROPPED = Pattern.compile("appendlog '([^']+)': dropped (\\d+) events");
    private static final Pattern UNFLUSHED = Pattern.compile("appendlog '([^']+)': stop: (\\d+) events \\(");

    final String appenderName;
    private boolean stopped;

    LoggingApp(String appenderName) {
        this.appenderName = appenderName;
    }

    abstract void info(String message);

    abstract void info(String message, Throwable t);

    /** Logs with a null message. */
    abstract void infoNull();

    abstract void warn(String message);

    /** True if the appender is configured and started. */
    abstract boolean appenderStarted();

    /** Every status message so far (all levels). */
    abstract List<Status> statuses();

    /** Reloads the configuration from the same file (settings as given now). */
    abstract void reload() throws Exception;

    /** Stops the logger context (and so the appender); returns how long that took. */
    final Duration stop() {
        if (stopped) {
            return Duration.ZERO;
        }
        stopped = true;
        long start = System.nanoTime();
        stopContext();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    abstract void stopContext();

    /** Releases what the app holds beyond its context (status listeners). */
    abstract void release();

    /** The drops this app's appender reported through status ({@code dropped N events}), summed. */
    long reportedDrops() {
        return sum(DROPPED);
    }

    /** Same as {@link #reportedDrops()}; drops are reported at the report interval and at stop. */
    long reportedDropsSoFar() {
        return reportedDrops();
    }

    /** The events this app's appender said it could not flush at stop ({@code stop: N events}), summed. */
    long reportedUnflushed() {
        return sum(UNFLUSHED);
    }

    private long sum(Pattern p) {
        long total = 0;
        for (Status s : statuses()) {
            Matcher m = p.matcher(s.text);
            if (m.find() && m.group(1).equals(appenderName)) {
                total += Long.parseLong(m.group(2));
            }
        }
        return total;
    }

    /** Error messages that contain {@code fragment}. */
    List<Status> errors(String fragment) {
        return statuses().stream().filter(s -> s.isError() && s.text.contains(fragment)).collect(Collectors.toList());
    }

    List<Status> containing(String fragment) {
        return statuses().stream().filter(s -> s.text.contains(fragment)).collect(Collectors.toList());
    }

    @Override
    public void close() {
        try {
            stop();
            Secrets.assertAbsent(statuses());
        } finally {
            release();
        }
    }

    /** The text of a throwable and its causes (a cycle is cut), as a status listener would print it. */
    static String describe(Throwable t) {
        StringBuilder b = new StringBuilder();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            b.append(" / ").append(c);
            for (Throwable s : c.getSuppressed()) {
                b.append(" / suppressed ").append(s);
            }
        }
        return b.toString();
    }
}
