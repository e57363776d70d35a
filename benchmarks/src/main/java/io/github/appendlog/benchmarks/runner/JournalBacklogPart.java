package io.github.appendlog.benchmarks.runner;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code backlog} part: {@link JournalBacklogRunner}'s write phase, then its drain phase in a
 * new JVM on the same journal directory, in a temporary directory deleted at the end. Refused,
 * before anything is written, when the disk there has less than 3× the backlog free (the journal,
 * the store's copy, and room to spare).
 */
final class JournalBacklogPart {
    private static final List<String> JVM = List.of("-Xmx1g", "-XX:+UseG1GC");

    private JournalBacklogPart() {
    }

    static Map<String, String> run(File out, long bytes) throws IOException, InterruptedException {
        Path root = Files.createTempDirectory("appendlog-bench-backlog");
        try {
            long free = Files.getFileStore(root).getUsableSpace();
            if (free < 3 * bytes) {
                throw new IOException("skipped: " + Format.mib(free) + " free in " + root.getParent() + ", 3× the backlog ("
                        + Format.mib(3.0 * bytes) + ") needed; run with --backlog=SIZE for a smaller one");
            }
            Path journal = root.resolve("journal");
            Map<String, String> m = new ChildJvm(new File(out, "backlog-write")).run(JournalBacklogRunner.class, JVM,
                    List.of("write", journal.toString(), Long.toString(bytes)), Duration.ofMinutes(10));
            m.putAll(new ChildJvm(new File(out, "backlog-drain")).run(JournalBacklogRunner.class, JVM,
                    List.of("drain", journal.toString(), root.resolve("store").toString(),
                            m.get("write.journalledEvents"), m.get("maxJournalBytes")),
                    Duration.ofMinutes(12)));
            return m;
        } finally {
            SideBySideLoggers.deleteTree(root);
        }
    }
}
