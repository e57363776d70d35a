package io.github.appendlog.benchmarks.runner;

import static io.github.appendlog.benchmarks.runner.GzipRunner.num;

import java.util.Map;

/**
 * The report rows of {@link GzipRunner}, with the compression issue's targets: throughput with
 * gzip ≥ 1.0× the buffered FileAppender's, and stored bytes ≤ 0.2× the text.
 */
final class GzipRows {
    private static final double MIB = 1024.0 * 1024.0;

    private GzipRows() {
    }

    static void gzip(Report report, Map<String, String> m) {
        double lines = num(m, "lines");
        double fileSeconds = num(m, "file.nanos") / 1e9;
        double fileRate = lines / fileSeconds;
        double gzipSeconds = num(m, "gzip.nanos") / 1e9;
        double gzipRate = num(m, "gzip.lines") / gzipSeconds;
        double noneRate = num(m, "none.lines") / (num(m, "none.nanos") / 1e9);
        String n = Format.number(lines / 1e6, 1) + "M lines, " + Format.number(num(m, "threads"), 0) + " threads";
        String gzipFigure = Format.number(gzipRate / 1e6, 2) + " M events/s, "
                + Format.number(num(m, "gzip.textBytes") / MIB / gzipSeconds, 0) + " MiB/s of text, "
                + Format.number(num(m, "gzip.storedBytes") / MIB / gzipSeconds, 0) + " MiB/s stored ("
                + Format.number(num(m, "gzip.lines"), 0) + " lines landed)";
        report.row("End-to-end throughput, compression=gzip (level " + level(m) + "), " + n + " (until the last byte is acknowledged)",
                gzipFigure, "FileAppender " + Format.number(fileRate / 1e6, 2) + " M events/s, "
                        + Format.number(num(m, "file.bytes") / MIB / fileSeconds, 0) + " MiB/s",
                Format.ratio(gzipRate / fileRate), "≥ 1.0×", gzipRate >= fileRate && num(m, "gzip.lines") >= lines);
        report.row("End-to-end throughput, compression=gzip against none, same lines",
                Format.number(gzipRate / 1e6, 2) + " M events/s",
                "compression=none " + Format.number(noneRate / 1e6, 2) + " M events/s ("
                        + Format.number(num(m, "none.lines"), 0) + " lines landed)",
                Format.ratio(gzipRate / noneRate), "", null);
        stored(report, "the benchmark line", m, "gzip");
        stored(report, "a JSON line (LogstashEncoder's fields)", m, "json");
        stored(report, "the benchmark line, request id, user and figures varied", m, "varied");
        report.row("Logging threads' CPU time per line, end to end, compression=gzip against none",
                Format.nanos(num(m, "gzip.cpuNanos.writers") / lines),
                "compression=none " + Format.nanos(num(m, "none.cpuNanos.writers") / lines),
                Format.ratio(num(m, "gzip.cpuNanos.writers") / num(m, "none.cpuNanos.writers")),
                "(compression is on the sender thread)", null);
        report.row("CPU time per line, end to end (all threads of the process), compression=gzip against none",
                Format.nanos(num(m, "gzip.cpuNanos") / lines) + " (GC time " + Format.number(num(m, "gzip.gcMillis"), 0)
                        + " ms)",
                "compression=none " + Format.nanos(num(m, "none.cpuNanos") / lines) + " (GC time "
                        + Format.number(num(m, "none.gcMillis"), 0) + " ms)",
                Format.ratio(num(m, "gzip.cpuNanos") / num(m, "none.cpuNanos")), "(2 cores: CPU bounds throughput)", null);
        report.note("compression=gzip compresses each batch once, on appendlog's sender thread, never on a logging"
                + " thread: the per-call parts (compression=none) measure the logging thread's cost with gzip too.");
    }

    /** Stored bytes per line against the text's, from the objects read back and decompressed. */
    private static void stored(Report report, String line, Map<String, String> m, String run) {
        boolean target = !run.equals("varied"); // the two lines; the varied one is for reading them
        double lines = num(m, run + ".lines");
        double stored = num(m, run + ".storedBytes");
        double text = num(m, run + ".textBytes");
        double appends = num(m, run + ".appends");
        String members = "; " + Format.number(appends, 0) + " members of " + Format.number(stored / appends / 1024, 0)
                + " KiB each";
        report.row("Stored bytes per line, compression=gzip (level " + level(m) + "), " + line,
                Format.number(stored / lines, 1) + " bytes (text/stored " + Format.number(text / stored, 1) + "×"
                        + members + ", " + Format.number(lines, 0) + " lines)",
                "text " + Format.number(text / lines, 1) + " bytes", Format.ratio(stored / text),
                target ? "≤ 0.2×" : "(no target: real ids and figures)", target ? stored <= 0.2 * text && lines > 0 : null);
    }

    private static String level(Map<String, String> m) {
        return Format.number(num(m, "compressionLevel"), 0);
    }
}
