package io.github.appendlog.benchmarks.runner;

import java.util.ArrayList;
import java.util.List;

/**
 * The one table {@code run.sh} prints (Markdown, pasted as is into BENCHMARKS.md): each row a
 * measurement, appendlog's figure, the baseline measured in the same run, the ratio, the target and
 * whether it is met; then the detail tables.
 */
final class Report {
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> details = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** A row with a target; {@code met} null when there is no target. */
    void row(String measurement, String figure, String baseline, String ratio, String target, Boolean met) {
        rows.add(new String[] {measurement, figure, baseline, ratio, target, met == null ? "" : Format.met(met)});
    }

    /** A row that failed to produce a figure: shown, never silently missing. */
    void missing(String measurement, String why) {
        rows.add(new String[] {measurement, "not measured: " + why, "", "", "", ""});
    }

    void detail(String markdown) {
        details.add(markdown);
    }

    void note(String text) {
        notes.add(text);
    }

    int targetsMissed() {
        int n = 0;
        for (String[] r : rows) {
            if (r[5].contains("no") || r[1].startsWith("not measured")) {
                n++;
            }
        }
        return n;
    }

    String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("| Measurement | appendlog | Baseline (same run) | Ratio | Target | Met |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (String[] r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        for (String d : details) {
            sb.append('\n').append(d);
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
            for (String n : notes) {
                sb.append("- ").append(n).append('\n');
            }
        }
        return sb.toString();
    }
}
