package io.github.appendlog.reliability;

import io.github.appendlog.journal.CrashPoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * The journal's kill soak (the soak profile, {@code -Dsoak.journalKills=200}): per framework, that
 * many runs of {@link JournalRuns} on one journal directory, each ended at a seeded random moment:
 * mostly SIGKILL, every third a crash hook at a random {@link CrashPoints} point; then a last run
 * that stops cleanly, and the check of {@link JournalKillTest}. Prints one line per framework and
 * exits with 1 if a promise is broken.
 *
 * <pre>
 * mvn -B -q -pl reliability -am test-compile -Psoak -Dsoak.journalKills=200 [-Dsoak.seed=1] [-Dsoak.frameworks=LOGBACK,LOG4J2]
 * </pre>
 */
final class JournalKillSoak {
    private static final String[] POINTS = {CrashPoints.JOURNAL_WRITTEN, CrashPoints.INTENT_RECORDED,
        CrashPoints.APPEND_REPLIED, CrashPoints.SEGMENT_ROLL, CrashPoints.CLEANUP, CrashPoints.COMPACTION};
    /** How long a run may take to reach its crash point before it is killed instead. */
    private static final Duration POINT_LIMIT = Duration.ofSeconds(10);

    private JournalKillSoak() {
    }

    /**
     * Starts the next run, logging a line every {@code periodMillis}, and kills it with SIGKILL at a
     * moment drawn from {@code random}: a quarter of the runs right after start (while the backlog
     * drains), the others once they journalled a drawn number of lines; then 0 to 50 ms later.
     */
    static void killAtRandom(JournalRuns runs, Random random, double periodMillis) throws java.io.IOException {
        ChildJvm child = runs.startLogging(periodMillis, null);
        long journalled = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(1500);
        child.awaitJournalled(journalled, Duration.ofSeconds(30));
        // Not a wait for a condition: this delay is the random kill moment itself.
        LockSupport.parkNanos(random.nextInt(50_000) * 1000L);
        runs.kill(child);
    }

    /** Starts the next run with a crash hook at a drawn point and count; killed if it does not get there in time. */
    static String crashAtRandom(JournalRuns runs, Random random) throws java.io.IOException {
        String point = POINTS[random.nextInt(POINTS.length)];
        int nth = 1 + random.nextInt(4);
        ChildJvm child = runs.startLogging(0.25, point + ":" + nth);
        if (child.exitsWithin(POINT_LIMIT)) {
            runs.awaitCrash(child, point, Duration.ofSeconds(1));
            return point;
        }
        runs.kill(child);
        return "not reached (SIGKILL instead): " + point;
    }

    static boolean run(Framework fw, int kills, long seed) throws Exception {
        Path dir = Files.createTempDirectory("journal-soak-" + fw);
        String prefix = "journal-soak/" + fw + "/";
        long start = System.nanoTime();
        try (Store store = Store.start();
                JournalRuns runs = new JournalRuns(dir, fw, store, prefix, JournalKillTest.settings(store, prefix))) {
            Random random = new Random(seed);
            Map<String, Integer> crashes = new TreeMap<>();
            for (int i = 0; i < kills; i++) {
                if (i % 3 == 2) {
                    crashes.merge(crashAtRandom(runs, random), 1, Integer::sum);
                } else {
                    killAtRandom(runs, random, 1);
                }
            }
            runs.finish(500);
            JournalCheck check = runs.check();
            boolean kept = check.kept() && runs.errors().isEmpty();
            System.out.printf(Locale.ROOT, "%-7s kills=%d crash-hooks=%s seed=%d elapsed=%.1fs lines=%d "
                    + "duplicated=%d out-of-order=%d torn=%d backlog-delivered=%d%s  %s%n", fw, kills, crashes, seed,
                    (System.nanoTime() - start) / 1e9, check.lines.present, check.lines.duplicated,
                    check.lines.outOfOrder, check.lines.torn.size(), check.backlogDelivered(),
                    runs.errors().isEmpty() ? "" : " errors=" + runs.errors(), kept ? "OK" : "BROKEN " + check.problems);
            if (!kept) {
                System.out.println(runs.outputs());
            }
            return kept;
        }
    }

    static void main(int kills) throws Exception {
        long seed = Long.getLong("soak.seed", 1);
        String frameworks = System.getProperty("soak.frameworks", "LOGBACK,LOG4J2");
        boolean kept = true;
        for (String name : frameworks.split(",")) {
            kept &= run(Framework.valueOf(name.trim().toUpperCase(Locale.ROOT)), kills, seed);
        }
        if (!kept) {
            System.exit(1);
        }
    }
}
