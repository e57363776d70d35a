package io.github.appendlog.reliability;

import static org.awaitility.Awaitility.await;

import io.github.appendlog.status.PipelineStats;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
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
    private final List<Status> statuses = new CopyOnWriteArrayList<>();
    private Consumer<String> info;
    private BiConsumer<String, Throwable> infoWithThrowable;
    private Consumer<String> warn;
    private boolean stopped;

    LoggingApp(String appenderName) {
        this.appenderName = appenderName;
    }

    /** The test resource {@code name} (a framework's XML file). */
    static URL testResource(String name) {
        URL url = LoggingApp.class.getResource("/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + name);
        }
        return url;
    }

    /** Where {@link #info}, {@link #infoNull} and {@link #warn} go: the framework's logger's own methods. */
    final void logTo(Consumer<String> info, BiConsumer<String, Throwable> infoWithThrowable, Consumer<String> warn) {
        this.info = info;
        this.infoWithThrowable = infoWithThrowable;
        this.warn = warn;
    }

    final void info(String message) {
        info.accept(message);
    }

    final void info(String message, Throwable t) {
        infoWithThrowable.accept(message, t);
    }

    /** Logs with a null message. */
    final void infoNull() {
        info.accept(null);
    }

    final void warn(String message) {
        warn.accept(message);
    }

    /** True if the appender is configured and started. */
    abstract boolean appenderStarted();

    /** What the appender's pipeline counted so far ({@code getStats()}); every count 0 if there is no appender. */
    abstract PipelineStats stats();

    /** Captures a status message of the framework; a throwable's text is appended as {@link #describe} gives it. */
    final void captureStatus(String level, String message, Throwable t) {
        Status status = new Status(level, message + (t == null ? "" : describe(t)));
        statuses.add(status);
        Consumer<Status> e = echo;
        if (e != null) {
            e.accept(status);
        }
    }

    /** Where a JVM running a single app ({@link ChildApp}) sends each status as it is captured; null: nowhere. */
    static volatile Consumer<Status> echo;

    /** Every status message so far (all levels). */
    final List<Status> statuses() {
        return new ArrayList<>(statuses);
    }

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

    /** Warnings (runtime conditions: the store down or refusing, drops, what stop could not flush) that contain {@code fragment}. */
    List<Status> warnings(String fragment) {
        return statuses().stream().filter(s -> s.level.equals("WARN") && s.text.contains(fragment))
                .collect(Collectors.toList());
    }

    /** Waits (at most 10 s) for a warning that contains {@code fragment}; returns the first such text. */
    String awaitWarning(String fragment) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !warnings(fragment).isEmpty());
        return warnings(fragment).get(0).text;
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
