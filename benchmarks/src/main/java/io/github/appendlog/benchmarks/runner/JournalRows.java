package io.github.appendlog.benchmarks.runner;

import static io.github.appendlog.benchmarks.runner.ReportRows.num;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The report rows of the journal (issue 14's targets): the log call's cost with the journal on
 * within noise of off (paired run), end-to-end throughput with it ≥ 0.8× without, and the heap a
 * backlog's drain at start needs bounded whatever the backlog (≤ {@code maxBufferBytes} + 16 MiB,
 * the bound under overload).
 */
final class JournalRows {
    private static final double MIB = 1024.0 * 1024.0;

    private JournalRows() {
    }

    /**
     * From {@link PairedCallRunner}: journal on / off, wall and CPU time, as 1 + (on − off, same
     * round) / off's median, with the same-round difference's 95% interval (the work alone's noise
     * does not enter it; a ratio of each round's added costs would divide by it). Within noise: the
     * interval reaches 1.0× (or lies below it).
     */
    static void paired(Report report, Map<String, String> m) {
        String[][] frameworks = {{"logback", "Logback"}, {"log4j2", "Log4j2"}};
        String[][] measures = {{"", "added cost"}, {".cpu", "logging thread's CPU time added"}};
        for (String[] measure : measures) {
            for (String[] f : frameworks) {
                String difference = "paired." + f[0] + ".journal-minus-off" + measure[0];
                double median = num(m, "paired." + f[0] + ".appendlog" + measure[0] + ".median");
                double off = median > 0 ? median : Double.NaN; // no ratio to a cost the noise made negative
                double lo = num(m, difference + ".ci95lo");
                report.row(f[1] + " log call with the journal on (journalSync=INTERVAL), " + measure[1]
                                + " (unsaturated), 1 thread, paired slices: on / off (same round, 95% interval)",
                        Format.nanos(num(m, "paired." + f[0] + ".appendlog-journal" + measure[0] + ".median")),
                        "journal off " + Format.nanos(median),
                        Format.ratio(1 + num(m, difference + ".median") / off) + " (" + Format.ratio(1 + lo / off)
                                + " – " + Format.ratio(1 + num(m, difference + ".ci95hi") / off) + ")",
                        "within noise: interval reaches 1.0×", lo <= 0);
            }
        }
    }

    /** The same-round difference, journal on minus off, for the paired detail. */
    static String pairedDetail(Map<String, String> m) {
        StringBuilder sb = new StringBuilder();
        sb.append("| Framework | Journal on minus off | Same round, median (95% interval): wall time "
                + "| Logging thread's CPU time |\n");
        sb.append("|---|---|---|---|\n");
        for (String[] f : new String[][] {{"logback", "Logback"}, {"log4j2", "Log4j2"}}) {
            String key = "paired." + f[0] + ".journal-minus-off";
            if (m.containsKey(key + ".median")) {
                sb.append("| ").append(f[1]).append(" | journalSync=INTERVAL | ").append(ReportRows.difference(m, key))
                        .append(" | ").append(ReportRows.difference(m, key + ".cpu")).append(" |\n");
            }
        }
        return sb.toString();
    }

    /** From {@link JournalThroughputRunner}: each mode's median run, against journal off's. */
    static void throughput(Report report, Map<String, String> m) {
        double lines = num(m, "lines");
        Mode off = new Mode(m, "off");
        Mode on = new Mode(m, "INTERVAL");
        Mode always = new Mode(m, "ALWAYS");
        Mode none = new Mode(m, "NONE");
        String n = Format.number(lines / 1e6, 1) + "M lines, " + Format.number(num(m, "threads"), 0) + " threads";
        report.row("End-to-end throughput with the journal on (journalSync=INTERVAL), " + n
                        + " (until the last byte is acknowledged; median of 5 runs each, off and on interleaved)",
                on.describe(), "journal off " + off.describe(), Format.ratio(on.rate() / off.rate()), "≥ 0.8×",
                on.rate() >= 0.8 * off.rate() && on.complete() && off.complete());
        report.row("End-to-end throughput with journalSync=ALWAYS (a force per frame written), " + n + ", 1 run",
                always.describe(), "journal off " + off.describe(), Format.ratio(always.rate() / off.rate()),
                "(for information)", null);
        report.row("End-to-end throughput with journalSync=NONE (no forces: the journal's copies alone), " + n
                        + ", 1 run", none.describe(), "journal off " + off.describe(),
                Format.ratio(none.rate() / off.rate()), "(for information)", null);
        report.row("CPU time per line, end to end (all threads of the process), journal on (INTERVAL) against off, "
                        + "median runs",
                Format.nanos(on.cpuPerLine()) + " (logging threads " + Format.nanos(on.writersCpuPerLine()) + ")",
                "journal off " + Format.nanos(off.cpuPerLine()) + " (logging threads "
                        + Format.nanos(off.writersCpuPerLine()) + ")",
                Format.ratio(on.cpuPerLine() / off.cpuPerLine()), "(2 cores: CPU bounds throughput)", null);
        report.detail(throughputDetail(m));
    }

    /** Every timed run of {@link JournalThroughputRunner}, in order. */
    private static String throughputDetail(Map<String, String> m) {
        StringBuilder sb = new StringBuilder();
        sb.append("| Run | Journal | Lines landed / s | Lines logged after | Stop (the rest landing) took "
                + "| Process CPU per line | Logging threads' CPU per line | Appends | GC time |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        double lines = num(m, "lines");
        for (int i = 0; i < num(m, "runs"); i++) {
            String k = "run." + i + ".";
            sb.append("| ").append(i + 1).append(" | ").append(m.get(k + "mode")).append(" | ")
                    .append(Format.number(num(m, k + "lines") / (num(m, k + "nanos") / 1e9) / 1e6, 2)).append(" M | ")
                    .append(Format.nanos(num(m, k + "loggedNanos"))).append(" | ")
                    .append(Format.nanos(num(m, k + "nanos") - num(m, k + "loggedNanos"))).append(" | ")
                    .append(Format.nanos(num(m, k + "cpuNanos") / lines)).append(" | ")
                    .append(Format.nanos(num(m, k + "cpuNanos.writers") / lines)).append(" | ")
                    .append(Format.number(num(m, k + "appends"), 0)).append(" | ")
                    .append(Format.number(num(m, k + "gcMillis"), 0)).append(" ms |\n");
        }
        return sb.toString();
    }

    /** From {@link JournalBacklogRunner}'s two phases: the drain's time and heap, and the write phase's rate. */
    static void backlog(Report report, Map<String, String> m) {
        double events = num(m, "write.journalledEvents");
        double seconds = num(m, "drain.nanos") / 1e9;
        double sent = num(m, "drain.bytesSent");
        boolean once = Boolean.parseBoolean(m.get("check.onceInOrder")) && Boolean.parseBoolean(m.get("drain.complete"));
        String backlog = Format.mib(num(m, "drain.journalDiskBytes")) + " journal files, "
                + Format.number(events, 0) + " lines";
        report.row("Backlog drain at start (journalled with the store down; a new JVM on the same directory, store up): "
                        + "time until every line landed",
                Format.number(seconds, 1) + " s, " + Format.number(sent / MIB / seconds, 0) + " MiB/s (start "
                        + Format.nanos(num(m, "drain.startNanos")) + "; " + Format.number(num(m, "check.lines"), 0)
                        + " lines landed" + (once ? ", each once, in order" : ": NOT each once in order, see the log")
                        + ")", backlog, "", "(every line once, in order)", once);
        double peak = num(m, "drain.peakHeapBytes");
        double limit = num(m, "drain.maxBufferBytes") + 16 * MIB;
        report.row("Peak heap after GC during the backlog's drain",
                Format.mib(peak) + " (" + Format.mib(num(m, "drain.baselineHeapBytes")) + " before the start)",
                "backlog " + Format.mib(sent), Format.ratio(peak / sent), "≤ " + Format.mib(limit)
                        + " (maxBufferBytes + 16 MiB), whatever the backlog", peak <= limit);
        double writeSeconds = num(m, "write.loggedNanos") / 1e9;
        report.row("Journalling with the store down (the backlog's write, 1 thread, overflowPolicy=BLOCK)",
                Format.number(num(m, "write.lines") / writeSeconds / 1e6, 2) + " M lines/s, "
                        + Format.number(sent / MIB / writeSeconds, 0) + " MiB/s (the stop then took "
                        + Format.number((num(m, "write.stoppedNanos") - num(m, "write.loggedNanos")) / 1e9, 1)
                        + " s: shutdownTimeout 2 s, the store down; dropped "
                        + Format.number(num(m, "write.dropped"), 0) + ")",
                "", "", "(for information)", null);
    }

    /** The timed runs of one mode of {@link JournalThroughputRunner}: its median run by rate, and whether all landed. */
    private static final class Mode {
        private final Map<String, String> m;
        private final String median;
        private boolean complete = true;
        private int runs;

        Mode(Map<String, String> m, String mode) {
            this.m = m;
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < num(m, "runs"); i++) {
                String key = "run." + i + ".";
                if (mode.equals(m.get(key + "mode"))) {
                    keys.add(key);
                    complete &= num(m, key + "lines") >= num(m, "lines") && num(m, key + "droppedOrLost") == 0;
                }
            }
            runs = keys.size();
            keys.sort(Comparator.comparingDouble(k -> num(m, k + "nanos")));
            median = keys.isEmpty() ? "none." : keys.get(keys.size() / 2);
        }

        double rate() {
            return num(m, median + "lines") / (num(m, median + "nanos") / 1e9);
        }

        boolean complete() {
            return runs > 0 && complete;
        }

        double cpuPerLine() {
            return num(m, median + "cpuNanos") / num(m, "lines");
        }

        double writersCpuPerLine() {
            return num(m, median + "cpuNanos.writers") / num(m, "lines");
        }

        String describe() {
            return Format.number(rate() / 1e6, 2) + " M events/s, "
                    + Format.number(num(m, median + "bytes") / MIB / (num(m, median + "nanos") / 1e9), 0) + " MiB/s ("
                    + (complete() ? "every run's " + Format.number(num(m, "lines"), 0) + " lines landed"
                            : "NOT every line landed: see the detail") + ")";
        }
    }
}
