package io.github.appendlog.journal;

/**
 * Named moments of the journal's and the sender's work where a crash test may stop the process
 * ({@code Runtime.halt}): the hook is null (nothing happens) unless a test installs one. A test's
 * child JVM sets it to halt at the n-th time a point is reached, which leaves the files exactly as a
 * {@code kill -9} there would.
 */
public final class CrashPoints {
    /** After a frame was written to a segment (before any sync). */
    public static final String JOURNAL_WRITTEN = "journal-written";
    /** After the "about to append" record was written, before the request is sent. */
    public static final String INTENT_RECORDED = "intent-recorded";
    /** After the store acknowledged an append, before the "landed" record is written. */
    public static final String APPEND_REPLIED = "append-replied";
    /** In the middle of rolling to a new segment (the new file created, its header not complete). */
    public static final String SEGMENT_ROLL = "segment-roll";
    /** In the middle of deleting segments whose events all landed. */
    public static final String CLEANUP = "cleanup";
    /** In the middle of rewriting the append records into a new file. */
    public static final String COMPACTION = "compaction";

    /** What a test runs at each point. */
    public interface Hook {
        void reached(String point);
    }

    private static volatile Hook hook;

    private CrashPoints() {
    }

    /** Installs (or with null removes) the hook; for crash tests only. */
    public static void install(Hook h) {
        hook = h;
    }

    /** Runs the hook, if one is installed. */
    public static void reached(String point) {
        Hook h = hook;
        if (h != null) {
            h.reached(point);
        }
    }
}
