package io.github.appendlog.journal;

import io.github.appendlog.status.StatusReporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the journal thread tells the framework's status. A journal that cannot be used at start is a
 * configuration problem (ERROR, once); failures while running are runtime conditions (WARN, at most
 * once per {@code dropReportInterval}, with counts), and the first write after failures says that
 * journalling resumed. Messages name the directory, never a secret.
 */
public final class JournalReports {
    private final StatusReporter status;
    private final String prefix;
    private final Path directory;
    private final long intervalNanos;
    private long lastWarnNanos;
    private boolean warned;
    private boolean openErrorShown;
    private boolean failing;
    private long lostSinceReport;

    public JournalReports(StatusReporter status, String prefix, Path directory, long intervalNanos) {
        this.status = status;
        this.prefix = prefix;
        this.directory = directory;
        this.intervalNanos = intervalNanos;
    }

    void opened(JournalRecovery r) {
        for (String problem : r.problems()) {
            status.warn(prefix + "journal " + directory + ": " + problem, null);
        }
        if (r.lostEvents() > 0) {
            status.warn(prefix + "journal " + directory + ": " + r.lostEvents() + " journalled events were unreadable "
                    + "(torn or corrupt); they are counted lost and marked in the object", null);
        }
        if (r.recordsLost()) {
            status.warn(prefix + "journal " + directory + ": the records of what landed were unreadable; its "
                    + r.backlogEntries() + " entries are appended again and some may appear twice", null);
        }
        if (r.backlogEntries() > 0) {
            status.info(prefix + "journal " + directory + " holds " + r.backlogEntries() + " entries ("
                    + r.backlogBytes() + " bytes) from an earlier run; they are appended first"
                    + (r.pending() == null ? "" : ", once the append of " + r.pending() + " that was under way is settled"));
        } else {
            status.info(prefix + "journalling to " + directory);
        }
        openErrorShown = false;
    }

    /** The marker line journalled when the records of what landed were lost. */
    byte[] recordsLostNote() {
        return "[appendlog] the journal's records of what landed were lost: the lines that follow may repeat lines above\n"
                .getBytes(StandardCharsets.UTF_8);
    }

    void locked(Exception e, boolean heldHere, Duration retry) {
        String text = prefix + "journal " + directory + " is in use: " + e.getMessage() + (heldHere
                ? " (by another appendlog pipeline of this JVM, e.g. during a reconfiguration)"
                : " (by another process: give each process its own journalDirectory)")
                + "; running memory-only, trying again every " + seconds(retry);
        openFailed(text, e, !heldHere);
    }

    void openFailed(Exception e, Duration retry) {
        openFailed(prefix + "cannot open the journal " + directory + ": " + e + "; running memory-only, trying again every "
                + seconds(retry), e, true);
    }

    private void openFailed(String text, Exception e, boolean error) {
        if (error && !openErrorShown) {
            openErrorShown = true;
            status.error(text, e);
        } else if (due()) {
            status.warn(text, null);
        }
    }

    void writeFailed(Exception e, int events, Duration retry) {
        failing = true;
        lostSinceReport += events;
        if (due()) {
            status.warn(prefix + "cannot write the journal " + directory + ": " + e + "; " + lostSinceReport
                    + " events lost since the last report; running memory-only, trying again every "
                    + seconds(retry), null);
            lostSinceReport = 0;
        }
    }

    void written(int dropped) {
        if (failing && dropped == 0) {
            failing = false;
            status.info(prefix + "journalling to " + directory + " again");
        }
    }

    void lost(long events, String reason) {
        status.warn(prefix + "journal " + directory + ": " + events + " journalled events lost: " + reason, null);
    }

    void syncFailed(Exception e) {
        if (due()) {
            status.warn(prefix + "cannot force the journal " + directory + " to disk: " + e, null);
        }
    }

    void closeFailed(Exception e) {
        status.warn(prefix + "closing the journal " + directory + " failed: " + e, null);
    }

    void notClosed(long writing, long bufferedBytes) {
        status.warn(prefix + "stop: the journal thread or its sync thread did not end in time (a disk that does "
                + "not answer?): the " + writing + " events of the write under way and " + bufferedBytes + " bytes of events in memory may be lost; the "
                + "journal " + directory + " stays open and locked until the process ends, and what it holds is "
                + "appended at the next start", null);
    }

    void keptAtStop(long entries, long bytes) {
        if (entries > 0) {
            status.warn(prefix + "stop: " + entries + " entries (" + bytes + " bytes not yet read, and the batch in "
                    + "flight) stay in the journal " + directory + "; they are appended at the next start", null);
        }
    }

    void fault(Throwable e) {
        if (due()) {
            status.error(prefix + "the journal thread failed: " + e, e);
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.getSeconds() + " s" : d.toMillis() + " ms";
    }

    private boolean due() {
        long now = System.nanoTime();
        if (warned && now - lastWarnNanos < intervalNanos) {
            return false;
        }
        warned = true;
        lastWarnNanos = now;
        return true;
    }
}
