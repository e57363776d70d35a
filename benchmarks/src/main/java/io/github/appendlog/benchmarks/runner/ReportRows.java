package io.github.appendlog.benchmarks.runner;

import java.util.Map;

/** Turns each part's figures into report rows, with the targets of the benchmarks issue. */
final class ReportRows {
    private static final double MIB = 1024.0 * 1024.0;

    private ReportRows() {
    }

    /** Per-call targets: added cost ≤ 0.25× the async appender's and ≤ 1.0× the buffered file appender's. */
    static void perCall(Report report, PerCallResults r, int[] threadCounts) {
        String[][] frameworks = {
            {"logback", "Logback", "async", "AsyncAppender", "file", "FileAppender"},
            {"log4j2", "Log4j2", "async", "AsyncAppender", "raf", "RandomAccessFile"},
        };
        for (String[] f : frameworks) {
            for (int threads : threadCounts) {
                double ours = r.addedCost(f[0], "appendlog", threads);
                double async = r.addedCost(f[0], f[2], threads);
                double file = r.addedCost(f[0], f[4], threads);
                String what = f[1] + " log call, added cost (unsaturated), " + threads + " thread" + (threads > 1 ? "s" : "");
                report.row(what, Format.nanos(ours), f[3] + " " + Format.nanos(async), Format.ratio(ours / async),
                        "≤ 0.25×", ours <= 0.25 * async);
                report.row(what, Format.nanos(ours), f[5] + " " + Format.nanos(file), Format.ratio(ours / file),
                        "≤ 1.0×", ours <= file);
            }
        }
    }

    /**
     * The same targets from the paired, interleaved run ({@link PairedCallRunner}): medians over rounds
     * in which every variant and the work alone were timed back to back.
     */
    static void paired(Report report, Map<String, String> m) {
        String[][] frameworks = {
            {"logback", "Logback", "async", "AsyncAppender", "file", "FileAppender"},
            {"log4j2", "Log4j2", "async", "AsyncAppender", "raf", "RandomAccessFile"},
        };
        String[][] measures = {
            {"", "added cost (unsaturated), 1 thread, paired slices (median of rounds)"},
            {".cpu", "logging thread's CPU time added (unsaturated), 1 thread, paired slices (median of rounds)"},
        };
        for (String[] measure : measures) {
            for (String[] f : frameworks) {
                double ours = num(m, "paired." + f[0] + ".appendlog" + measure[0] + ".median");
                double async = num(m, "paired." + f[0] + "." + f[2] + measure[0] + ".median");
                double file = num(m, "paired." + f[0] + "." + f[4] + measure[0] + ".median");
                String what = f[1] + " log call, " + measure[1];
                report.row(what, Format.nanos(ours), f[3] + " " + Format.nanos(async), Format.ratio(ours / async),
                        "≤ 0.25×", ours <= 0.25 * async);
                report.row(what, Format.nanos(ours), f[5] + " " + Format.nanos(file), Format.ratio(ours / file),
                        "≤ 1.0×", ours <= file);
            }
        }
    }

    /** Every variant of the paired run: median and quartiles of the added cost over the rounds, wall and CPU time. */
    static String pairedDetail(Map<String, String> m) {
        StringBuilder sb = new StringBuilder();
        sb.append("| Framework | Appender | Added cost per call, paired slices: median (p25 – p75) "
                + "| Logging thread's CPU time added: median (p25 – p75) |\n");
        sb.append("|---|---|---|---|\n");
        String[][] variants = {{"logback", "Logback", "noop", "file", "async", "appendlog", "appendlog-journal"},
            {"log4j2", "Log4j2", "null", "raf", "async", "appendlog", "appendlog-journal"}};
        for (String[] f : variants) {
            for (int i = 2; i < f.length; i++) {
                String key = "paired." + f[0] + "." + f[i];
                sb.append("| ").append(f[1]).append(" | ").append(f[i]).append(" | ")
                        .append(quartiles(m, key)).append(" | ").append(quartiles(m, key + ".cpu")).append(" |\n");
            }
        }
        sb.append("\n| Framework | appendlog's cost minus | Same round, median (95% interval): wall time "
                + "| Logging thread's CPU time |\n");
        sb.append("|---|---|---|---|\n");
        for (String[] f : variants) {
            for (int i = 2; i < f.length - 1; i++) {
                String key = "paired." + f[0] + ".appendlog-minus-" + f[i];
                if (m.containsKey(key + ".median")) {
                    sb.append("| ").append(f[1]).append(" | ").append(f[i]).append(" | ")
                            .append(difference(m, key)).append(" | ").append(difference(m, key + ".cpu")).append(" |\n");
                }
            }
        }
        return sb.toString();
    }

    private static String quartiles(Map<String, String> m, String key) {
        return Format.nanos(num(m, key + ".median")) + " (" + Format.nanos(num(m, key + ".p25")) + " – "
                + Format.nanos(num(m, key + ".p75")) + ")";
    }

    static String difference(Map<String, String> m, String key) {
        return signedNanos(num(m, key + ".median")) + " (" + signedNanos(num(m, key + ".ci95lo")) + " to "
                + signedNanos(num(m, key + ".ci95hi")) + ")";
    }

    private static String signedNanos(double nanos) {
        if (Double.isNaN(nanos)) {
            return Format.nanos(nanos);
        }
        return nanos < 0 ? "−" + Format.nanos(-nanos) : "+" + Format.nanos(nanos);
    }

    /** The detail table: every variant, both regimes, averages and the saturated call's percentiles. */
    static String perCallDetail(PerCallResults r, int[] threadCounts, String[] logbackVariants, String[] log4j2Variants) {
        StringBuilder sb = new StringBuilder();
        sb.append("| Framework | Appender | Threads | Unsaturated: added cost (avg) | Saturated avg | Saturated p99 / p99.9 |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (int threads : threadCounts) {
            sb.append("| — | work alone (consumeCPU 5000) | ").append(threads).append(" | ")
                    .append(Format.nanos(r.workAlone(threads))).append(" (the work itself) | | |\n");
            detailRows(sb, r, "logback", "Logback", logbackVariants, threads);
            detailRows(sb, r, "log4j2", "Log4j2", log4j2Variants, threads);
        }
        return sb.toString();
    }

    private static void detailRows(StringBuilder sb, PerCallResults r, String fw, String label, String[] variants, int threads) {
        for (String v : variants) {
            sb.append("| ").append(label).append(" | ").append(v).append(" | ").append(threads).append(" | ")
                    .append(Format.nanos(r.addedCost(fw, v, threads))).append(" | ")
                    .append(Format.nanos(r.average(fw, v, "saturated", threads))).append(" | ")
                    .append(Format.nanos(r.percentile(fw, v, "saturated", threads, 99))).append(" / ")
                    .append(Format.nanos(r.percentile(fw, v, "saturated", threads, 99.9))).append(" |\n");
        }
    }

    /** Saturated targets ({@link SaturatedCallSuite}): average ≤ 1.0× and p99.9 ≤ 2.0× the buffered file appender's. */
    static void saturated(Report report, Map<String, String> m) {
        String[][] frameworks = {{"logback", "Logback", "file", "FileAppender"}, {"log4j2", "Log4j2", "raf", "RandomAccessFile"}};
        for (String[] f : frameworks) {
            String ours = "saturated." + f[0] + ".appendlog.";
            String file = "saturated." + f[0] + "." + f[2] + ".";
            String what = f[1] + " log call, saturated (back to back), 1 thread, every call timed, 3 forks: ";
            report.row(what + "average", Format.nanos(num(m, ours + "avg")), f[3] + " " + Format.nanos(num(m, file + "avg")),
                    Format.ratio(num(m, ours + "avg") / num(m, file + "avg")), "≤ 1.0×",
                    num(m, ours + "avg") <= num(m, file + "avg"));
            report.row(what + "p99 / p99.9", Format.nanos(num(m, ours + "p99")) + " / " + Format.nanos(num(m, ours + "p999")),
                    f[3] + " " + Format.nanos(num(m, file + "p99")) + " / " + Format.nanos(num(m, file + "p999")),
                    Format.ratio(num(m, ours + "p99") / num(m, file + "p99")) + " / "
                            + Format.ratio(num(m, ours + "p999") / num(m, file + "p999")),
                    "p99.9 ≤ 2.0×", num(m, ours + "p999") <= 2 * num(m, file + "p999"));
        }
    }

    /** Every figure of the saturated run: a few stalls of milliseconds move the average more than the median. */
    static String saturatedDetail(Map<String, String> m) {
        StringBuilder sb = new StringBuilder();
        sb.append("| Framework | Appender | Saturated, every call timed, 3 forks: average | p50 | p99 | p99.9 | p99.99 | max "
                + "| Calls | Logging thread preempted, per second |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (String[] f : SaturatedCallSuite.VARIANTS) {
            for (int i = 1; i < f.length; i++) {
                String k = "saturated." + f[0] + "." + f[i] + ".";
                sb.append("| ").append(f[0].equals("logback") ? "Logback" : "Log4j2").append(" | ").append(f[i]);
                for (String p : new String[] {"avg", "p50", "p99", "p999", "p9999", "max"}) {
                    sb.append(" | ").append(Format.nanos(num(m, k + p)));
                }
                sb.append(" | ").append(Format.number(num(m, k + "samples"), 0));
                double preempted = m.containsKey(k + "preemptedPerSecond") ? num(m, k + "preemptedPerSecond") : -1;
                sb.append(" | ").append(preempted < 0 ? "n/a" : Format.number(preempted, 0)).append(" |\n");
            }
        }
        return sb.toString();
    }

    static void throughput(Report report, Map<String, String> m) {
        double lines = num(m, "lines");
        double fileSeconds = num(m, "file.nanos") / 1e9;
        double oursSeconds = num(m, "appendlog.nanos") / 1e9;
        double fileRate = lines / fileSeconds;
        double oursRate = num(m, "appendlog.lines") / oursSeconds;
        double fileMb = num(m, "file.bytes") / MIB / fileSeconds;
        double oursMb = num(m, "appendlog.bytes") / MIB / oursSeconds;
        String n = Format.number(lines / 1e6, 1) + "M lines, 2 threads";
        report.row("End-to-end throughput, " + n + " (until the last byte is acknowledged)",
                Format.number(oursRate / 1e6, 2) + " M events/s, " + Format.number(oursMb, 0) + " MiB/s ("
                        + Format.number(num(m, "appendlog.lines"), 0) + " lines landed)",
                "FileAppender " + Format.number(fileRate / 1e6, 2) + " M events/s, " + Format.number(fileMb, 0) + " MiB/s",
                Format.ratio(oursRate / fileRate), "≥ 1.0×", oursRate >= fileRate && num(m, "appendlog.lines") >= lines);
        double cpuOurs = num(m, "appendlog.cpuNanos") / lines;
        double writers = num(m, "appendlog.cpuNanos.writers") / lines;
        double store = num(m, "appendlog.cpuNanos.store") / lines;
        report.row("CPU time per line, end to end (all threads of the process)",
                Format.nanos(cpuOurs) + ": logging threads " + Format.nanos(writers) + ", store (in process) "
                        + Format.nanos(store) + ", sender and JVM " + Format.nanos(cpuOurs - writers - store)
                        + " (GC time " + Format.number(num(m, "appendlog.gcMillis"), 0) + " ms)",
                "FileAppender " + Format.nanos(num(m, "file.cpuNanos") / lines) + " (logging threads "
                        + Format.nanos(num(m, "file.cpuNanos.writers") / lines) + ", GC time "
                        + Format.number(num(m, "file.gcMillis"), 0) + " ms)",
                Format.ratio(cpuOurs / (num(m, "file.cpuNanos") / lines)), "(2 cores: CPU bounds throughput)", null);
        double appends = num(m, "appendlog.appends");
        double fill = num(m, "appendlog.bytes") / appends / num(m, "appendlog.maxBatchBytes");
        report.row("Requests sent / average batch fill", Format.number(appends, 0) + " appends, "
                        + Format.mib(num(m, "appendlog.bytes") / appends) + " each",
                "maxBatchBytes " + Format.mib(num(m, "appendlog.maxBatchBytes")), Format.number(fill * 100, 0) + "%",
                "≥ 90%", fill >= 0.9);
        double ceilingMb = num(m, "ceiling.bytes") / MIB / (num(m, "ceiling.nanos") / 1e9);
        report.row("Emulator ceiling: raw 4 MiB appends, one client", Format.number(ceilingMb, 0) + " MiB/s",
                "appendlog end to end " + Format.number(oursMb, 0) + " MiB/s", Format.ratio(oursMb / ceilingMb),
                "(store not the bottleneck)", null);
    }

    static void memory(Report report, Map<String, String> m) {
        double max = num(m, "maxBufferBytes");
        double peak = num(m, "peakHeapBytes");
        double limit = max + 16 * MIB;
        double eventBytes = num(m, "eventBytes");
        String events = eventBytes >= 1024 ? Format.number(eventBytes / 1024, 0) + " KiB events (stack traces)"
                : Format.number(eventBytes, 0) + "-byte lines";
        report.row("Peak heap after GC, store down, " + m.get("framework") + ", " + events + ", "
                        + Format.number(num(m, "offeredBytes") / MIB, 0) + " MiB logged (10× the buffer)",
                Format.mib(peak) + " (" + Format.mib(num(m, "baselineHeapBytes")) + " before the outage)",
                "maxBufferBytes " + Format.mib(max), Format.ratio(peak / max), "≤ " + Format.mib(limit), peak <= limit);
    }

    static void outage(Report report, Map<String, String> m) {
        double healthy99 = num(m, "healthy.p99");
        double healthy999 = num(m, "healthy.p999");
        for (String phase : new String[] {"slow", "down"}) {
            double p99 = num(m, phase + ".p99");
            double p999 = num(m, phase + ".p999");
            String label = phase.equals("slow") ? "store slow (2 s replies)" : "store down";
            report.row("Log call p99 / p99.9, " + label, Format.nanos(p99) + " / " + Format.nanos(p999),
                    "healthy " + Format.nanos(healthy99) + " / " + Format.nanos(healthy999),
                    Format.ratio(p99 / healthy99) + " / " + Format.ratio(p999 / healthy999), "p99 ≤ 1.2×",
                    p99 <= 1.2 * healthy99);
        }
    }

    static void idle(Report report, Map<String, String> ours, Map<String, String> file) {
        double wall = num(ours, "wallNanos");
        double process = num(ours, "processCpuNanos") / wall * 100;
        double threads = num(ours, "appendlogThreadsCpuNanos") / wall * 100;
        double fileProcess = num(file, "processCpuNanos") / num(file, "wallNanos") * 100;
        report.row("Idle CPU over " + Format.number(wall / 1e9, 0) + " s (whole JVM; appendlog threads)",
                Format.number(process, 3) + "% of a core; " + Format.number(threads, 4) + "%",
                "JVM with a FileAppender " + Format.number(fileProcess, 3) + "%",
                Format.ratio(process / fileProcess), "< 1% of a core", process < 1.0);
    }

    /** The unsaturated regime in CPU time (robust on a loaded machine): rows with the same targets, and a detail table. */
    static void cpu(Report report, Map<String, String> m) {
        String[][] frameworks = {
            {"logback", "Logback", "async", "AsyncAppender", "file", "FileAppender"},
            {"log4j2", "Log4j2", "async", "AsyncAppender", "raf", "RandomAccessFile"},
        };
        double work = num(m, "cpu.work.alone.callerCpuPerCall");
        for (String[] f : frameworks) {
            double ours = num(m, "cpu." + f[0] + ".appendlog.callerCpuPerCall") - work;
            double async = num(m, "cpu." + f[0] + "." + f[2] + ".callerCpuPerCall") - work;
            double file = num(m, "cpu." + f[0] + "." + f[4] + ".callerCpuPerCall") - work;
            String what = f[1] + " log call, logging thread's CPU time added (unsaturated), 1 thread";
            report.row(what, Format.nanos(ours), f[3] + " " + Format.nanos(async), Format.ratio(ours / async), "≤ 0.25×",
                    ours <= 0.25 * async);
            report.row(what, Format.nanos(ours), f[5] + " " + Format.nanos(file), Format.ratio(ours / file), "≤ 1.0×",
                    ours <= file);
        }
    }

    static String cpuDetail(Map<String, String> m, String[] logbackVariants, String[] log4j2Variants) {
        double work = num(m, "cpu.work.alone.callerCpuPerCall");
        double workProcess = num(m, "cpu.work.alone.processCpuPerCall");
        StringBuilder sb = new StringBuilder();
        sb.append("| Framework | Appender | Logging thread CPU added / call | Process CPU added / call | of which: appendlog threads "
                + "/ store and other Java threads / JVM (GC, JIT) | Context switches / s |\n");
        sb.append("|---|---|---|---|---|---|\n");
        cpuRows(sb, m, "logback", "Logback", logbackVariants, work, workProcess);
        cpuRows(sb, m, "log4j2", "Log4j2", log4j2Variants, work, workProcess);
        sb.append("| — | work alone | ").append(Format.nanos(work)).append(" (the work itself) | | | ")
                .append(Format.number(num(m, "cpu.work.alone.switchesPerSecond"), 0)).append(" |\n");
        return sb.toString();
    }

    private static void cpuRows(StringBuilder sb, Map<String, String> m, String fw, String label, String[] variants,
            double work, double workProcess) {
        for (String v : variants) {
            String k = "cpu." + fw + "." + v + ".";
            if (!m.containsKey(k + "callerCpuPerCall")) {
                continue;
            }
            sb.append("| ").append(label).append(" | ").append(v).append(" | ")
                    .append(Format.nanos(num(m, k + "callerCpuPerCall") - work)).append(" | ")
                    .append(Format.nanos(num(m, k + "processCpuPerCall") - workProcess)).append(" | ")
                    .append(Format.nanos(num(m, k + "appendlogThreadsCpuPerCall"))).append(" / ")
                    .append(Format.nanos(num(m, k + "otherThreadsCpuPerCall"))).append(" / ")
                    .append(Format.nanos(num(m, k + "jvmCpuPerCall"))).append(" | ")
                    .append(Format.number(num(m, k + "switchesPerSecond"), 0)).append(" |\n");
        }
    }

    static double num(Map<String, String> m, String key) {
        String v = m.get(key);
        return v == null ? Double.NaN : Double.parseDouble(v);
    }
}
