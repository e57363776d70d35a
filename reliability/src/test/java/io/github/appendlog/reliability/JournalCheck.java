package io.github.appendlog.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The journal's promise, checked on the objects' text after runs of one app on one journal
 * directory ({@link JournalRuns}), each run logging numbered lines from one thread as its own app
 * id:
 * <ul>
 * <li>a run that ended killed: every line it said was journalled landed exactly once; more may have
 * landed (journalled after its last report), but what landed of a run is always its lines 0..m-1
 * without a gap, since the journal keeps the order of one thread;</li>
 * <li>the run that stopped cleanly: every line it logged landed exactly once;</li>
 * <li>no line twice, none out of order, none torn, nothing but numbered lines (no drop marker);</li>
 * <li>the runs in the text in the order they ran (the backlog is appended before new lines).</li>
 * </ul>
 */
final class JournalCheck {
    private static final Pattern RUN = Pattern.compile("L\\|([A-Za-z0-9-]+)\\|0\\|");

    /** One run: its app id, how it ended, what it said it journalled and what it logged at most. */
    static final class Run {
        final String id;
        final String ending;
        final boolean complete;
        final long journalled;
        final long logged;
        /** This run's lines in the store when it ended (before a later run could deliver its backlog). */
        final long landedWhenEnded;

        Run(String id, String ending, boolean complete, long journalled, long logged, long landedWhenEnded) {
            this.id = id;
            this.ending = ending;
            this.complete = complete;
            this.journalled = journalled;
            this.logged = logged;
            this.landedWhenEnded = landedWhenEnded;
        }

        /** Lines journalled but not landed when the run ended: only the journal could deliver them. */
        long backlog() {
            return Math.max(0, journalled - landedWhenEnded);
        }

        @Override
        public String toString() {
            return id + "(" + ending + ", journalled " + journalled + ", landed when it ended " + landedWhenEnded
                    + (complete ? ", logged " + logged : "") + ")";
        }
    }

    final LineCheck lines;
    final List<String> problems = new ArrayList<>();
    private final List<Run> runs;
    private final Map<String, Long> landed = new LinkedHashMap<>();

    private JournalCheck(LineCheck lines, List<Run> runs) {
        this.lines = lines;
        this.runs = runs;
    }

    static JournalCheck of(byte[] bytes, List<Run> runs) {
        String text = LineCheck.utf8(bytes);
        Map<String, Long> expected = new LinkedHashMap<>();
        runs.forEach(r -> expected.put(r.id + "|0", r.logged));
        JournalCheck c = new JournalCheck(LineCheck.of(text, expected), runs);
        c.checkEachRun();
        c.checkRunOrder(text);
        if (!c.lines.intact() || !c.lines.other.isEmpty() || c.lines.markerLines != 0) {
            c.problems.add("duplicated, out of order, torn, foreign or marker lines: " + c.lines);
        }
        return c;
    }

    private void checkEachRun() {
        for (Run r : runs) {
            String thread = r.id + "|0";
            long present = lines.presentIn(thread);
            long prefix = lines.prefixIn(thread);
            landed.put(r.id, present);
            if (present != prefix) {
                problems.add(r + ": lines 0.." + (prefix - 1) + " landed, line " + prefix + " is missing, and "
                        + (present - prefix) + " later lines landed");
            }
            long owed = r.complete ? r.logged : r.journalled;
            if (prefix < owed) {
                problems.add(r + ": " + (owed - prefix) + " of its " + (r.complete ? "logged" : "journalled")
                        + " lines are missing, the first is line " + prefix);
            }
        }
    }

    /** Lines of an earlier run after a later run's line mean the backlog did not go first. */
    private void checkRunOrder(String text) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            index.put(runs.get(i).id, i);
        }
        int latest = -1;
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            Matcher m = RUN.matcher(line);
            Integer run = m.lookingAt() ? index.get(m.group(1)) : null;
            if (run == null) {
                continue;
            }
            if (run < latest) {
                problems.add("line " + lineNumber + " of the text, of run " + runs.get(run).id + ", comes after lines of the later run "
                        + runs.get(latest).id + ": " + line);
                return;
            }
            latest = run;
        }
    }

    boolean kept() {
        return problems.isEmpty();
    }

    /** Over all runs: lines journalled but not landed when their run ended, delivered by a later run. */
    long backlogDelivered() {
        return runs.stream().filter(r -> !r.complete).mapToLong(Run::backlog).sum();
    }

    @Override
    public String toString() {
        return (kept() ? "kept" : "BROKEN " + problems) + "; runs " + runs + "; landed per run " + landed
                + "; backlog delivered after the kills " + backlogDelivered() + "; " + lines;
    }
}
