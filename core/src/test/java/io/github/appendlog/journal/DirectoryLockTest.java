package io.github.appendlog.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One process per journal directory, released when the process dies. */
class DirectoryLockTest {
    @TempDir
    Path dir;

    private JournalOptions options() {
        return JournalOptions.builder(dir).build();
    }

    @Test
    void aSecondOpenInThisProcessIsRefusedWithoutDroppingTheFirstOnesLock() throws Exception {
        try (Journal j = Journal.open(options(), new JournalFixture.Losses())) {
            JournalLockedException e = assertThrows(JournalLockedException.class,
                    () -> Journal.open(options(), new JournalFixture.Losses()));
            assertTrue(e.getMessage().contains("already open in this process") && e.getMessage().contains(dir.toString()),
                    e.getMessage());
            assertTrue(child("try").startsWith("locked"), "another process is still refused");
        }
        try (Journal j = Journal.open(options(), new JournalFixture.Losses())) {
            assertEquals(0, j.recovery().backlogEntries());
        }
    }

    @Test
    void anotherProcessIsRefusedWhileItLivesAndItsDirectoryIsTakenOverWhenItDies() throws Exception {
        Process holder = start("hold");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("held", assertTimeoutPreemptively(Duration.ofSeconds(60), out::readLine));
            JournalLockedException e = assertThrows(JournalLockedException.class,
                    () -> Journal.open(options(), new JournalFixture.Losses()));
            assertTrue(e.getMessage().contains("another process (pid " + holder.pid() + ")"), e.getMessage());
        } finally {
            holder.destroyForcibly();
            holder.waitFor();
        }
        try (Journal j = Journal.open(options(), new JournalFixture.Losses())) {
            assertEquals(3, j.recovery().backlogEntries());
            JournalFixture.assertEntries(JournalFixture.entries(1, 3, 20), JournalFixture.readAll(j));
        }
    }

    private String child(String mode) throws Exception {
        Process p = start(mode);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = assertTimeoutPreemptively(Duration.ofSeconds(60), out::readLine);
        p.waitFor();
        return String.valueOf(line);
    }

    private Process start(String mode) throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                JournalLockChild.class.getName(), dir.toString(), mode)).redirectErrorStream(true).start();
    }
}
