package io.github.appendlog.reliability;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs of one app with the journal on, one after another, each in a JVM of its own
 * ({@link ChildJvm}) on the same journal directory and object key: run {@code n} logs numbered
 * lines from one thread as app id {@code k<n>} at a fixed rate and reports what it journalled
 * ({@link ChildProbes}); it ends killed with SIGKILL, halted at a crash point, or (the last) stopped
 * cleanly once everything landed. {@link #check} holds the object to {@link JournalCheck}.
 */
final class JournalRuns implements AutoCloseable {
    /** Lines a run that will be killed is told to log: more than it ever reaches. */
    static final int UNBOUNDED = 10_000_000;
    /** How often a child says what it journalled. */
    static final long REPORT_MILLIS = 20;
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(60);

    private final Path dir;
    private final Framework fw;
    private final Store store;
    private final String prefix;
    private final Map<String, String> settings;
    private final List<JournalCheck.Run> runs = new ArrayList<>();
    private final List<ChildJvm> children = new ArrayList<>();

    /**
     * @param dir the test's directory: the journal goes to {@code dir/journal}, the children's output beside it
     * @param settings the appender's settings, the store's included; the journal directory is added
     */
    JournalRuns(Path dir, Framework fw, Store store, String prefix, Map<String, String> settings) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.fw = fw;
        this.store = store;
        this.prefix = prefix;
        this.settings = new LinkedHashMap<>(settings);
        this.settings.put("journalDirectory", dir.resolve("journal").toString());
        Files.createDirectories(dir.resolve("home"));
    }

    /** The directory the appender's journal files are in ({@code journalDirectory/<appender name>}). */
    Path journalFiles() {
        return dir.resolve("journal").resolve(ChildApp.APPENDER);
    }

    /**
     * Starts the next run and has it log a line every {@code periodMillis} until it is killed;
     * {@code crashAt} ({@code point:n}) or null.
     */
    ChildJvm startLogging(double periodMillis, String crashAt) throws IOException {
        List<String> properties = new ArrayList<>();
        properties.add(ChildProbes.REPORT + "=" + REPORT_MILLIS);
        if (crashAt != null) {
            properties.add(ChildProbes.CRASH_AT + "=" + crashAt);
        }
        ChildJvm child = ChildJvm.start(dir, dir.resolve("home"), Map.of(), fw, nextId(), 1, settings, properties);
        children.add(child);
        child.send("paced " + UNBOUNDED + " " + periodMillis);
        return child;
    }

    /** Kills the run with SIGKILL and records what it said it journalled. */
    void kill(ChildJvm child) {
        child.kill();
        ended(child, "SIGKILL");
    }

    /** Waits (at most {@code limit}) for the run to halt itself at {@code point}, and records it. */
    void awaitCrash(ChildJvm child, String point, Duration limit) {
        int status = child.awaitExit(limit);
        if (status != ChildProbes.HALT_STATUS || child.output().lines().noneMatch(l -> l.startsWith(ChildApp.PREFIX + "crash " + point + " "))) {
            throw new AssertionError(fw + ": the child exited with " + status + " without reaching " + point + ":\n"
                    + child.output());
        }
        ended(child, "halted at " + point);
    }

    private void ended(ChildJvm child, String how) {
        String id = currentId();
        runs.add(new JournalCheck.Run(id, how, false, child.journalled(), UNBOUNDED, landed(id)));
    }

    /**
     * The last run: starts on the journal left behind, logs {@code lines} (one a millisecond), waits
     * until its last line is in the store (the backlog, appended first, is then too) and stops.
     */
    ChildJvm finish(int lines) throws IOException {
        ChildJvm child = ChildJvm.start(dir, dir.resolve("home"), Map.of(), fw, nextId(), 1, settings,
                List.of(ChildProbes.REPORT + "=" + REPORT_MILLIS));
        children.add(child);
        String id = currentId();
        child.run("paced " + lines + " 1", Duration.ofSeconds(60));
        try {
            await().atMost(DRAIN_LIMIT).pollInterval(Duration.ofMillis(100)).until(() -> landed(id) >= lines);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(fw + ": the last run's lines did not all land within " + DRAIN_LIMIT + ": "
                    + check() + "\n" + child.output(), e);
        }
        child.stop(Duration.ofSeconds(30));
        runs.add(new JournalCheck.Run(id, "stopped", true, child.journalled(), lines, landed(id)));
        return child;
    }

    JournalCheck check() {
        return JournalCheck.of(store.bytes(prefix), runs);
    }

    /** Error statuses of every run (a journal the next run could not take over shows here). */
    List<String> errors() {
        List<String> errors = new ArrayList<>();
        for (ChildJvm c : children) {
            c.statuses().stream().filter(LoggingApp.Status::isError).forEach(s -> errors.add(s.text));
        }
        return errors;
    }

    /** The tail of each run's output, for a failure message. */
    String outputs() {
        StringBuilder b = new StringBuilder();
        for (ChildJvm c : children) {
            String out = c.output();
            b.append("---- ").append(c).append('\n').append(out.length() <= 4000 ? out : "..." + out.substring(out.length() - 4000));
        }
        return b.toString();
    }

    /** Kills every run still alive (a test that failed half-way). */
    @Override
    public void close() {
        children.forEach(ChildJvm::close);
    }

    private long landed(String id) {
        return LineCheck.of(store.bytes(prefix), Map.of(id + "|0", (long) UNBOUNDED)).presentIn(id + "|0");
    }

    private String nextId() {
        return "k" + children.size();
    }

    private String currentId() {
        return "k" + (children.size() - 1);
    }
}
