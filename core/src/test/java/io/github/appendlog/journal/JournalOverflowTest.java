package io.github.appendlog.journal;

import static io.github.appendlog.journal.JournalFixture.entry;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.config.JournalOverflowPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** maxJournalBytes: the files never pass it; DROP_NEWEST drops what does not fit, DROP_OLDEST deletes the oldest segment and counts its unread events. */
class JournalOverflowTest {
    private static final long MAX = 8192;

    @TempDir
    Path dir;

    private final JournalFixture.Losses losses = new JournalFixture.Losses();

    private Journal open(JournalOverflowPolicy policy) throws IOException {
        return Journal.open(JournalOptions.builder(dir).maxBytes(MAX).segmentBytes(2048).maxFrameBytes(1024)
                .overflow(policy).build(), losses);
    }

    /** Writes frame number f (5 events of 100 bytes, seq-independent content f*5..f*5+4); the events dropped. */
    private static int frame(Journal j, int f) throws IOException {
        for (int i = 0; i < 5; i++) {
            JournalFixture.add(j, entry(f * 5L + i, 100), false);
        }
        return j.writeFrame();
    }

    private static long numberOf(byte[] entry) {
        String s = new String(entry, StandardCharsets.US_ASCII);
        return Long.parseLong(s.substring(0, s.indexOf(':')));
    }

    private void assertWithinBound(Journal j) throws IOException {
        assertTrue(j.diskBytes() <= MAX, "diskBytes " + j.diskBytes());
        assertEquals(JournalFixture.filesBytes(dir), j.diskBytes(), "diskBytes counts the files");
    }

    @Test
    void dropNewestDropsWhatDoesNotFitAndNeverPassesTheBound() throws IOException {
        List<Integer> kept = new ArrayList<>();
        int dropped = 0;
        try (Journal j = open(JournalOverflowPolicy.DROP_NEWEST)) {
            for (int f = 0; f < 40; f++) {
                int d = frame(j, f);
                assertTrue(d == 0 || d == 5, "a frame is written or dropped whole");
                if (d == 0) {
                    kept.add(f);
                }
                dropped += d;
                assertWithinBound(j);
            }
            assertTrue(dropped > 100, "dropped " + dropped);
            List<byte[]> read = JournalFixture.readAll(j);
            assertEquals(kept.size() * 5, read.size());
            for (int i = 0; i < read.size(); i++) {
                assertArrayEquals(entry(kept.get(i / 5) * 5L + i % 5, 100), read.get(i));
            }
            j.recordLanded(j.lastTakenSeq());
            assertEquals(0, frame(j, 40), "room again once what was appended is deleted");
            assertWithinBound(j);
        }
        assertEquals(0, losses.events, "DROP_NEWEST reports through writeFrame's result, not the listener");
    }

    @Test
    void whatLandedAndWaitsForTheSyncThreadIsDeletedWhenTheJournalIsFullNotDropped() throws IOException {
        int[] wakes = {0};
        try (Journal j = open(JournalOverflowPolicy.DROP_NEWEST)) {
            j.cleanUpWith(() -> wakes[0]++); // a sync thread that never comes
            for (int f = 0; f < 40; f++) { // five times the bound, each frame landing before the next
                assertEquals(0, frame(j, f), "frame " + f + " dropped");
                assertWithinBound(j);
                assertEquals(5, JournalFixture.readAll(j).size());
                j.recordLanded(j.lastTakenSeq());
            }
            assertTrue(wakes[0] > 0, "the sender left the cleanup to the sync thread");
        }
    }

    @Test
    void dropOldestDeletesTheOldestSegmentAndCountsExactlyTheEventsNotYetTaken() throws IOException {
        int written = 0;
        List<byte[]> read = new ArrayList<>();
        try (Journal j = open(JournalOverflowPolicy.DROP_OLDEST)) {
            for (int f = 0; f < 6; f++) {
                assertEquals(0, frame(j, f));
                written += 5;
            }
            // take 12 entries: frames 0 and 1 and two entries of frame 2 (the rest of frame 2 is taken in already)
            for (int i = 0; i < 12; i++) {
                byte[] b = new byte[j.nextLength()];
                j.takeNext(b, 0);
                read.add(b);
            }
            // a marker among the unread entries: deleting it is not an event lost
            JournalFixture.add(j, JournalFixture.marker(1), true);
            assertEquals(0, j.writeFrame());
            for (int f = 6; f < 40; f++) {
                assertEquals(0, frame(j, f), "DROP_OLDEST always makes room");
                written += 5;
                assertWithinBound(j);
            }
            assertTrue(losses.events > 0);
            for (int len = j.nextLength(); len >= 0; len = j.nextLength()) {
                byte[] b = new byte[len];
                boolean marker = j.nextIsMarker();
                j.takeNext(b, 0);
                if (!marker) {
                    read.add(b);
                }
            }
        }
        assertEquals(written, read.size() + losses.events, "every event is either read or counted lost: " + losses.reasons);
        for (int i = 1; i < read.size(); i++) {
            assertTrue(numberOf(read.get(i)) > numberOf(read.get(i - 1)), "in order");
        }
        for (int i = 0; i < 15; i++) {
            assertEquals(i, numberOf(read.get(i)), "frame 2, taken in before its segment was deleted, is read whole");
        }
    }
}
