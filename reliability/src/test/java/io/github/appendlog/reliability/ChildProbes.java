package io.github.appendlog.reliability;

import io.github.appendlog.journal.CrashPoints;
import io.github.appendlog.status.PipelineStats;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * What a {@link ChildApp} does for the journal's crash tests, each switched on by a system property
 * of the child JVM:
 * <ul>
 * <li>{@value #REPORT}{@code =<millis>}: a thread of its own prints {@code journalled <n> appended <a>
 * batches <b> backlog <bytes>} that often (when it changed), {@code n} being the events the
 * appender's pipeline has written to its journal so far ({@code PipelineStats.journalledEvents}),
 * the rest for a failure's message. One logging thread and a journal that keeps order make
 * it mean "this run's lines 0..n-1 are in the journal";</li>
 * <li>{@value #CRASH_AT}{@code =<point>:<n>}: the n-th time the pipeline reaches that
 * {@link CrashPoints} point, prints {@code crash <point> <n>} and halts the JVM with status
 * {@value #HALT_STATUS}, leaving the files as a {@code kill -9} at that moment would.</li>
 * </ul>
 * Lines are printed with {@link ChildApp#PREFIX} and flushed at once, so a kill never loses one that
 * was complete.
 */
final class ChildProbes {
    static final String REPORT = "child.reportJournalledMillis";
    static final String CRASH_AT = "child.crashAt";
    static final int HALT_STATUS = 137;

    private ChildProbes() {
    }

    /** Installs the crash hook if {@value #CRASH_AT} is set; before the app starts, so every time a point is reached counts. */
    static void installCrashHook(PrintStream out) {
        String crashAt = System.getProperty(CRASH_AT);
        if (crashAt != null) {
            int colon = crashAt.lastIndexOf(':');
            String point = crashAt.substring(0, colon);
            int n = Integer.parseInt(crashAt.substring(colon + 1));
            AtomicInteger reached = new AtomicInteger();
            CrashPoints.install(p -> {
                if (p.equals(point) && reached.incrementAndGet() == n) {
                    out.println(ChildApp.PREFIX + "crash " + p + " " + n);
                    out.flush();
                    Runtime.getRuntime().halt(HALT_STATUS);
                }
            });
        }
    }

    /** Starts the reporting thread if {@value #REPORT} is set. */
    static void reportJournalled(LoggingApp app, PrintStream out) {
        Long every = Long.getLong(REPORT);
        if (every != null) {
            Thread reporter = new Thread(() -> {
                String last = "";
                while (true) {
                    PipelineStats s = app.stats();
                    String said = s.journalledEvents() + " appended " + s.appendedEvents() + " batches "
                            + s.batchesSent() + " backlog " + s.journalBacklogBytes();
                    if (!said.equals(last)) {
                        out.println(ChildApp.PREFIX + "journalled " + said);
                        out.flush();
                        last = said;
                    }
                    LockSupport.parkNanos(every * 1_000_000);
                }
            }, "child-journal-report");
            reporter.setDaemon(true);
            reporter.start();
        }
    }
}
