package io.github.appendlog.journal;

import static io.github.appendlog.journal.JournalFixture.entry;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.config.JournalOverflowPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer and the reader on their own threads, as the journal thread and the sender run them. */
class JournalConcurrencyTest {
    private static final int ENTRIES = 20_000;

    @TempDir
    Path dir;

    private final JournalFixture.Losses losses = new JournalFixture.Losses();

    private static int size(long n) {
        return 10 + (int) (n * 37 % 300);
    }

    private final AtomicLong progress = new AtomicLong();

    private CompletableFuture<Void> writer(Journal j, AtomicBoolean done) {
        return CompletableFuture.runAsync(() -> {
            try {
                for (long n = 1; n <= ENTRIES; n++) {
                    progress.set(n);
                    byte[] e = entry(n, size(n));
                    int at = j.addToFrame(e.length, false);
                    if (at < 0) {
                        j.writeFrame();
                        at = j.addToFrame(e.length, false);
                    }
                    System.arraycopy(e, 0, j.frameArray(), at, e.length);
                    if (n % 7 == 0) {
                        j.writeFrame(); // small frames too, as a lightly loaded journal thread writes them
                    }
                }
                j.writeFrame();
                done.set(true);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static long numberOf(byte[] entry) {
        String s = new String(entry, 0, Math.min(entry.length, 12), StandardCharsets.US_ASCII);
        return Long.parseLong(s.substring(0, s.indexOf(':')));
    }

    @Test
    void everyEntryIsReadOnceInOrderWhileSegmentsRollAndLandedOnesAreDeleted() throws Exception {
        try (Journal j = Journal.open(JournalOptions.builder(dir).segmentBytes(64 << 10).maxFrameBytes(8192).build(),
                losses)) {
            AtomicBoolean done = new AtomicBoolean();
            CompletableFuture<Void> w = writer(j, done);
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                byte[] b = new byte[1024];
                long expected = 1;
                while (expected <= ENTRIES) {
                    int len = j.nextLength();
                    if (len < 0) {
                        Thread.onSpinWait();
                        continue;
                    }
                    j.takeNext(b, 0);
                    assertArrayEquals(entry(expected, size(expected)), java.util.Arrays.copyOf(b, len));
                    assertEquals(expected, j.lastTakenSeq());
                    if (expected % 500 == 0) {
                        j.recordLanded(expected);
                    }
                    expected++;
                }
                w.join();
            });
            assertEquals(-1, j.nextLength());
            assertEquals(0, j.unreadEntries());
            assertEquals(0, j.unreadBytes());
            assertTrue(JournalFixture.segmentFiles(dir).size() <= 2, "landed segments deleted while running");
        }
        assertEquals(0, losses.events);
    }

    @Test
    void withDropOldestEveryEventIsReadOrCountedLostExactly() throws Exception {
        long[] read = {0};
        try (Journal j = Journal.open(JournalOptions.builder(dir).maxBytes(256 << 10).segmentBytes(32 << 10)
                .maxFrameBytes(4096).overflow(JournalOverflowPolicy.DROP_OLDEST).build(), losses)) {
            AtomicBoolean done = new AtomicBoolean();
            CompletableFuture<Void> w = writer(j, done);
            await().atMost(Duration.ofSeconds(60)).until(() -> progress.get() > ENTRIES / 2); // far past maxBytes
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                byte[] b = new byte[1024];
                long last = 0;
                for (;;) {
                    int len = j.nextLength();
                    if (len < 0) {
                        if (done.get() && j.nextLength() < 0) {
                            break;
                        }
                        Thread.onSpinWait();
                        continue;
                    }
                    j.takeNext(b, 0);
                    long n = numberOf(java.util.Arrays.copyOf(b, len));
                    assertTrue(n > last, n + " after " + last);
                    assertArrayEquals(entry(n, size(n)), java.util.Arrays.copyOf(b, len));
                    last = n;
                    read[0]++;
                }
                w.join();
            });
            assertEquals(0, j.unreadEntries());
        }
        assertEquals(ENTRIES, read[0] + losses.events, losses.reasons.toString());
        assertTrue(losses.events > 0, "the writer was far ahead of the reader");
    }
}
