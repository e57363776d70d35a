package io.github.appendlog.benchmarks.runner;

import io.github.appendlog.config.ConfigValues;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the benchmarks in one go and prints one table of figures and ratios against the
 * baselines measured in the same run (also written to {@code report.md} in the output directory).
 *
 * <p>Options: {@code --quick} (a smoke run of a minute or two: shorter iterations, fewer lines),
 * {@code --only=percall,saturated,paired,cpu,throughput,gzip,journal,backlog,memory,outage,idle},
 * {@code --backlog=SIZE} (the journal backlog the {@code backlog} part drains: 1 GB, or 64 MB with
 * {@code --quick}), {@code --out=DIR}.
 */
public final class RunAll {
    private static final List<String> PARTS =
            List.of("percall", "saturated", "paired", "cpu", "throughput", "gzip", "journal", "backlog", "memory", "outage",
                    "idle");
    private static final String[] LOGBACK_VARIANTS = {"noop", "file", "async", "loki4j", "appendlog"};
    private static final String[] LOG4J2_VARIANTS = {"null", "raf", "async", "appendlog"};
    private static final int[] THREADS = {1, 2};

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        String backlog = null;
        Set<String> only = new HashSet<>(PARTS);
        File out = new File("benchmarks/target/results-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.startsWith("--only=")) {
                only = new HashSet<>(Arrays.asList(arg.substring("--only=".length()).split(",")));
            } else if (arg.startsWith("--out=")) {
                out = new File(arg.substring("--out=".length()));
            } else if (arg.startsWith("--backlog=")) {
                backlog = arg.substring("--backlog=".length());
            } else {
                throw new IllegalArgumentException("unknown option " + arg
                        + " (--quick, --only=..., --backlog=SIZE, --out=DIR)");
            }
        }
        out.mkdirs();
        String machineBefore = Machine.describe();
        System.out.println("appendlog benchmarks: " + machineBefore + (quick ? " [quick smoke run]" : ""));
        System.out.println("Detailed output goes to " + out);
        long start = System.nanoTime();
        Report report = new Report();
        ChildJvm child = new ChildJvm(out);

        if (only.contains("percall")) {
            step("per-call JMH benchmarks");
            try {
                PerCallResults r = new PerCallSuite(out, quick, LOGBACK_VARIANTS, LOG4J2_VARIANTS).run(THREADS);
                // The targets are judged at 1 thread (as the anchors were measured): at 2 threads
                // the work alone fills both cores, so every background thread (sender, store, JIT, GC,
                // other processes) is paid in wall time by the callers; those figures are in the detail table.
                ReportRows.perCall(report, r, new int[] {1});
                report.detail(ReportRows.perCallDetail(r, THREADS, LOGBACK_VARIANTS, LOG4J2_VARIANTS));
            } catch (Exception e) {
                report.missing("Per-call cost", e.toString());
            }
        }
        if (only.contains("saturated")) {
            step("saturated log call, every call timed, 3 forks");
            try {
                Map<String, String> m = new SaturatedCallSuite(out, quick).run();
                ReportRows.saturated(report, m);
                report.detail(ReportRows.saturatedDetail(m));
            } catch (Exception e) {
                report.missing("Saturated log call", e.toString());
            }
        }
        if (only.contains("paired")) {
            step("per-call cost in paired, interleaved slices (unsaturated)");
            try {
                Map<String, String> m = new LinkedHashMap<>();
                for (String framework : new String[] {"logback", "log4j2"}) {
                    m.putAll(child.run(PairedCallRunner.class, List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC"),
                            List.of(framework, quick ? "12" : "200", "40"), Duration.ofMinutes(5)));
                }
                ReportRows.paired(report, m);
                JournalRows.paired(report, m);
                report.detail(ReportRows.pairedDetail(m));
                report.detail(JournalRows.pairedDetail(m));
            } catch (Exception e) {
                report.missing("Per-call cost, paired", e.getMessage());
            }
        }
        if (only.contains("cpu")) {
            step("per-call CPU time (unsaturated)");
            try {
                Map<String, String> m = child.run(CpuCostRunner.class, List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC"),
                        List.of(quick ? "1" : "4"), Duration.ofMinutes(5));
                if (!only.contains("paired")) {
                    ReportRows.cpu(report, m); // else the paired run's CPU figures are the table's
                }
                report.detail(ReportRows.cpuDetail(m, LOGBACK_VARIANTS, LOG4J2_VARIANTS));
            } catch (Exception e) {
                report.missing("Per-call CPU time", e.getMessage());
            }
        }
        if (only.contains("throughput")) {
            step("end-to-end throughput");
            String lines = quick ? "200000" : "2000000";
            try {
                ReportRows.throughput(report, child.run(ThroughputRunner.class, List.of("-Xms3g", "-Xmx3g", "-XX:+UseG1GC"),
                        List.of(lines, "2"), Duration.ofMinutes(6)));
            } catch (Exception e) {
                report.missing("End-to-end throughput", e.getMessage());
            }
        }
        if (only.contains("gzip")) {
            step("compression=gzip: throughput against none and the FileAppender, stored bytes");
            String lines = quick ? "200000" : "2000000";
            try {
                GzipRows.gzip(report, child.run(GzipRunner.class, List.of("-Xms3g", "-Xmx3g", "-XX:+UseG1GC"),
                        List.of(lines, "2"), Duration.ofMinutes(8)));
            } catch (Exception e) {
                report.missing("compression=gzip", e.getMessage());
            }
        }
        if (only.contains("journal")) {
            step("end-to-end throughput with the journal on and off");
            try {
                JournalRows.throughput(report, child.run(JournalThroughputRunner.class,
                        List.of("-Xms3g", "-Xmx3g", "-XX:+UseG1GC"), List.of(quick ? "200000" : "2000000", "2"),
                        Duration.ofMinutes(8)));
            } catch (Exception e) {
                report.missing("End-to-end throughput with the journal", e.getMessage());
            }
        }
        if (only.contains("backlog")) {
            long bytes = ConfigValues.parseBytes(backlog != null ? backlog : quick ? "64 MB" : "1 GB");
            step("journal backlog of " + Format.mib(bytes) + ": written with the store down, drained at start");
            try {
                JournalRows.backlog(report, JournalBacklogPart.run(out, bytes));
            } catch (Exception e) {
                report.missing("Backlog drain at start", e.getMessage());
            }
        }
        if (only.contains("memory")) {
            for (String framework : List.of("logback", "log4j2")) {
                for (String eventBytes : List.of("155", "40960")) {
                    step("memory under overload (" + framework + ", " + eventBytes + "-byte events)");
                    try {
                        ReportRows.memory(report, child.run(OverloadMemoryRunner.class, List.of("-Xmx1g", "-XX:+UseG1GC"),
                                List.of(framework, "32 MB", eventBytes), Duration.ofMinutes(3)));
                    } catch (Exception e) {
                        report.missing("Memory under overload (" + framework + ", " + eventBytes + "-byte events)",
                                e.getMessage());
                    }
                }
            }
        }
        if (only.contains("outage")) {
            step("outage latency");
            try {
                ReportRows.outage(report, child.run(OutageLatencyRunner.class, List.of("-Xmx1g", "-XX:+UseG1GC"),
                        List.of(quick ? "2" : "5"), Duration.ofMinutes(3)));
            } catch (Exception e) {
                report.missing("Outage latency", e.getMessage());
            }
        }
        if (only.contains("idle")) {
            step("idle cost");
            String seconds = quick ? "10" : "60";
            try {
                // Both JVMs are idle: measuring them side by side costs one window, not two.
                ChildJvm fileChild = new ChildJvm(new File(out, "idle-file"));
                CompletableFuture<Map<String, String>> file =
                        CompletableFuture.supplyAsync(() -> runIdle(fileChild, "file", seconds));
                Map<String, String> ours = runIdle(child, "appendlog", seconds);
                ReportRows.idle(report, ours, file.join());
            } catch (Exception e) {
                report.missing("Idle cost", e.getMessage());
            }
        }

        String table = "Measured: " + machineBefore + "; load average at the end " + Machine.loadAverage()
                + "; total " + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s"
                + (quick ? " (QUICK SMOKE RUN: not for BENCHMARKS.md)" : "") + "\n\n" + report.render();
        Files.writeString(new File(out, "report.md").toPath(), table, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(table);
    }

    private static Map<String, String> runIdle(ChildJvm child, String variant, String seconds) {
        try {
            return child.run(IdleCostRunner.class, List.of("-Xmx256m"), List.of(variant, seconds), Duration.ofMinutes(3));
        } catch (Exception e) {
            throw new IllegalStateException(variant + ": " + e.getMessage(), e);
        }
    }

    private static void step(String what) {
        settleDisk();
        System.out.println("[" + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_TIME) + "] " + what
                + " (load " + Machine.loadAverage() + ")");
    }

    /**
     * Writes the page cache's dirty data out before a part starts, so that one part's disk writes
     * (the saturated JMH runs put gigabytes into the emulator's files) are not written back during the
     * next part, on the cores it measures. appendlog's store writes to disk and its peers write to
     * /dev/null, so a writeback in progress lands on appendlog: a paired Log4j2 run started with
     * 2.4 GB dirty gave appendlog - null +648 ns instead of +288 ns.
     */
    private static void settleDisk() {
        try {
            new ProcessBuilder("sync").inheritIO().start().waitFor();
        } catch (java.io.IOException e) {
            System.out.println("(sync not run: " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
