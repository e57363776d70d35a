package io.github.appendlog.reliability;

import io.github.appendlog.emulator.ChaosFaults;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The soak run: numbered lines through each appender while a seeded random mix of faults hits
 * about {@code faultRate} of the requests (500, 502, 503, 503 SlowDown, 429, resets before apply,
 * applied-then-dropped appends, replies slower than the request timeout). Prints, per framework,
 * {@code lost}, {@code duplicated}, {@code dropped(reported)}, {@code dropped(missing)},
 * {@code out-of-order} and the elapsed time; exits with 1 if a promise is broken.
 *
 * <pre>
 * mvn -B -q -pl reliability -am test-compile -Psoak \
 *     [-Dsoak.lines=1000000] [-Dsoak.seed=1] [-Dsoak.faultRate=0.1] [-Dsoak.threads=4] [-Dsoak.frameworks=LOGBACK,LOG4J2]
 *     [-Dsoak.overflowPolicy=BLOCK|DROP] [-Dsoak.maxBufferBytes=32MB] [-Dsoak.discardThreshold=100]
 * </pre>
 * {@link SoakTest} runs a short version in the default build. With {@code -Dsoak.journalKills=N} it
 * runs {@link JournalKillSoak} instead.
 */
public final class SoakRunner {

    /** What one run found. */
    static final class Result {
        final Framework framework;
        final long lines;
        final LineCheck check;
        final long reportedDrops;
        final long reportedUnflushed;
        final long faults;
        final String faultsByKind;
        final Duration elapsed;

        Result(Framework framework, long lines, LineCheck check, long reportedDrops, long reportedUnflushed,
                long faults, String faultsByKind, Duration elapsed) {
            this.framework = framework;
            this.lines = lines;
            this.check = check;
            this.reportedDrops = reportedDrops;
            this.reportedUnflushed = reportedUnflushed;
            this.faults = faults;
            this.faultsByKind = faultsByKind;
            this.elapsed = elapsed;
        }

        /** Lines missing that no drop report or stop report accounts for. */
        long lost() {
            return check.missing - reportedDrops - reportedUnflushed;
        }

        boolean kept() {
            return lost() == 0 && check.duplicated == 0 && check.outOfOrder == 0 && check.torn.isEmpty()
                    && reportedDrops + reportedUnflushed == check.missing && check.markerDrops == reportedDrops;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-7s lines=%d lost=%d duplicated=%d dropped(reported)=%d "
                    + "dropped(missing)=%d out-of-order=%d torn=%d unflushed(reported)=%d elapsed=%.1fs "
                    + "faults=%d [%s]", framework, lines, lost(), check.duplicated, reportedDrops, check.missing,
                    check.outOfOrder, check.torn.size(), reportedUnflushed, elapsed.toMillis() / 1000.0, faults,
                    faultsByKind);
        }
    }

    /** How a run is set up. */
    static final class Options {
        long lines = 1_000_000;
        int threads = 4;
        long seed = 1;
        double faultRate = 0.1;
        Duration requestTimeout = Duration.ofSeconds(1);
        Duration slowReply = Duration.ofMillis(1300);
        String maxBatchBytes = "64 KB";
        String maxBufferBytes = "32 MB";
        String overflowPolicy = "BLOCK";
        String maxBlockTime = "30 seconds";
        /** 100: INFO lines wait under BLOCK like any other (below it they are dropped first, and counted). */
        String discardThreshold = "100";
        /** none or gzip; the lines are checked after decompression. */
        String compression = "none";
    }

    private SoakRunner() {
    }

    static Result run(Framework fw, Options o) throws Exception {
        String prefix = "soak/" + fw + "/";
        try (Store store = Store.start()) {
            Map<String, String> settings = store.settings(prefix + "app-%i.log");
            settings.put("maxBatchBytes", o.maxBatchBytes);
            settings.put("compression", o.compression);
            settings.put("maxEventBytes", "4 KB");
            settings.put("maxBufferBytes", o.maxBufferBytes);
            settings.put("overflowPolicy", o.overflowPolicy);
            settings.put("maxBlockTime", o.maxBlockTime);
            settings.put("discardThreshold", o.discardThreshold);
            settings.put("requestTimeout", o.requestTimeout.toMillis() + " ms");
            settings.put("retryMaxDelay", "500 ms");
            settings.put("flushInterval", "100 ms");
            settings.put("shutdownTimeout", "2 minutes");
            ChaosFaults chaos = new ChaosFaults(o.seed, o.faultRate, o.slowReply);
            store.emu().faults().chaos(chaos);
            long start = System.nanoTime();
            Workload work;
            long drops;
            long unflushed;
            try (LoggingApp app = fw.start("SOAK", settings)) {
                work = new Workload(app, "s", o.threads);
                int perThread = (int) (o.lines / o.threads);
                work.log(perThread);
                app.stop();
                drops = app.reportedDrops();
                unflushed = app.reportedUnflushed();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            store.emu().faults().clear();
            StringBuilder kinds = new StringBuilder();
            for (ChaosFaults.Kind k : ChaosFaults.Kind.values()) {
                kinds.append(kinds.length() == 0 ? "" : " ").append(k.name().toLowerCase(Locale.ROOT)).append('=')
                        .append(chaos.count(k));
            }
            LineCheck check = LineCheck.of(store.text(prefix, o.compression), work.expected());
            return new Result(fw, work.total(), check, drops, unflushed, chaos.total(), kinds.toString(), elapsed);
        }
    }

    public static void main(String[] args) throws Exception {
        int journalKills = Integer.getInteger("soak.journalKills", 0);
        if (journalKills > 0) {
            JournalKillSoak.main(journalKills);
            return;
        }
        Options o = new Options();
        o.lines = Long.getLong("soak.lines", o.lines);
        o.threads = Integer.getInteger("soak.threads", o.threads);
        o.seed = Long.getLong("soak.seed", o.seed);
        o.faultRate = Double.parseDouble(System.getProperty("soak.faultRate", Double.toString(o.faultRate)));
        o.overflowPolicy = System.getProperty("soak.overflowPolicy", o.overflowPolicy);
        o.maxBufferBytes = System.getProperty("soak.maxBufferBytes", o.maxBufferBytes);
        o.discardThreshold = System.getProperty("soak.discardThreshold", o.discardThreshold);
        o.compression = System.getProperty("soak.compression", o.compression);
        String frameworks = System.getProperty("soak.frameworks", "LOGBACK,LOG4J2");
        System.out.printf(Locale.ROOT, "soak: lines=%d threads=%d seed=%d faultRate=%.2f overflowPolicy=%s "
                + "maxBufferBytes=%s discardThreshold=%s compression=%s cpus=%d%n", o.lines, o.threads, o.seed,
                o.faultRate, o.overflowPolicy, o.maxBufferBytes, o.discardThreshold, o.compression, Runtime.getRuntime().availableProcessors());
        boolean kept = true;
        for (String name : frameworks.split(",")) {
            Result r = run(Framework.valueOf(name.trim().toUpperCase(Locale.ROOT)), o);
            System.out.println(r + (r.kept() ? "  OK" : "  BROKEN"));
            kept &= r.kept();
        }
        if (!kept) {
            System.exit(1);
        }
    }
}
