package io.github.appendlog.journal;

import static io.github.appendlog.journal.JournalFixture.assertEntries;
import static io.github.appendlog.journal.JournalFixture.entries;
import static io.github.appendlog.journal.JournalFixture.entry;
import static io.github.appendlog.journal.JournalFixture.readAll;
import static io.github.appendlog.journal.JournalFixture.segmentFiles;
import static io.github.appendlog.journal.JournalFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.config.JournalSync;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    private final JournalFixture.Losses losses = new JournalFixture.Losses();

    @AfterEach
    void noHook() {
        CrashPoints.install(null);
    }

    private JournalOptions.Builder options() {
        return JournalOptions.builder(dir).segmentBytes(4096).maxFrameBytes(1024);
    }

    @Test
    void entriesOfEverySizeAndMarkersComeBackInOrderAcrossSegmentRolls() throws IOException {
        List<byte[]> written = new ArrayList<>();
        List<Boolean> markers = new ArrayList<>();
        try (Journal j = Journal.open(options().build(), losses)) {
            int[] sizes = {0, 1, 7, 100, 1023, 1024, 1025, 5000, 3, 0, 250};
            for (int round = 0; round < 6; round++) {
                for (int i = 0; i < sizes.length; i++) {
                    boolean marker = i == 3 && round % 2 == 0;
                    byte[] e = marker ? JournalFixture.marker(round) : entry(written.size(), sizes[i]);
                    JournalFixture.add(j, e, marker);
                    written.add(e);
                    markers.add(marker);
                }
                assertEquals(0, j.writeFrame());
            }
            assertTrue(segmentFiles(dir).size() > 3, "rolled to several segments");
            assertEquals(written.size(), j.unreadEntries());
            List<byte[]> read = new ArrayList<>();
            for (int len = j.nextLength(); len >= 0; len = j.nextLength()) {
                assertEquals(markers.get(read.size()), j.nextIsMarker(), "marker flag of entry " + read.size());
                byte[] b = new byte[len + 3];
                j.takeNext(b, 3);
                read.add(java.util.Arrays.copyOfRange(b, 3, b.length));
                assertEquals(read.size(), j.lastTakenSeq());
            }
            assertEntries(written, read);
            assertEquals(0, j.unreadEntries());
            assertEquals(0, j.unreadBytes());
        }
        assertEquals(0, losses.events);
    }

    @Test
    void aFrameHoldsAtMostMaxFrameBytesUnlessOneEntryIsBigger() throws IOException {
        try (Journal j = Journal.open(options().build(), losses)) {
            assertEquals(0, j.addToFrame(600, false));
            assertEquals(-1, j.addToFrame(600, false), "600 + 600 bytes and their lengths pass 1024");
            assertEquals(600, j.addToFrame(400, false));
            assertEquals(2, j.frameEvents());
            j.writeFrame();
            assertTrue(j.frameEmpty());
            assertEquals(0, j.addToFrame(50_000, false), "an empty frame takes an entry of any size");
            assertEquals(-1, j.addToFrame(1, false));
            assertEquals(-1, j.addToFrame(0, true));
            assertTrue(j.frameArray().length >= 50_000);
            j.writeFrame();
            assertEquals(3, readAll(j).size());
        }
    }

    @Test
    void sequenceNumbersContinueAfterReopenAndTheBacklogIsExact() throws IOException {
        List<byte[]> first = entries(1, 30, 90);
        try (Journal j = Journal.open(options().build(), losses)) {
            write(j, first);
            assertEquals(0, j.recovery().backlogEntries());
        }
        List<byte[]> second = entries(31, 20, 90);
        try (Journal j = Journal.open(options().build(), losses)) {
            JournalRecovery r = j.recovery();
            assertEquals(30, r.backlogEntries());
            assertEquals(30 * 90, r.backlogBytes());
            assertEquals(0, r.lostEvents());
            assertEquals(0, r.landedSeq());
            assertFalse(r.recordsLost());
            assertTrue(r.problems().isEmpty(), r.problems().toString());
            assertEquals(30, j.unreadEntries());
            write(j, second);
            List<byte[]> all = new ArrayList<>(first);
            all.addAll(second);
            assertEntries(all, readAll(j));
            assertEquals(50, j.lastTakenSeq());
            j.recordLanded(40);
        }
        try (Journal j = Journal.open(options().build(), losses)) {
            JournalRecovery r = j.recovery();
            assertEquals(40, r.landedSeq());
            assertEquals(10, r.backlogEntries());
            assertEquals(10 * 90, r.backlogBytes());
            assertEquals(40, j.lastTakenSeq());
            assertEntries(second.subList(10, 20), readAll(j));
        }
    }

    @Test
    void landedRecordsDeleteTheSegmentsWhoseEntriesAllLanded() throws IOException {
        try (Journal j = Journal.open(options().build(), losses)) {
            write(j, entries(1, 200, 100)); // 45 entries a segment
            int before = segmentFiles(dir).size();
            assertEquals(5, before);
            assertEquals(200, readAll(j).size());
            long disk = j.diskBytes();
            j.recordLanded(60);
            int after = segmentFiles(dir).size();
            assertEquals(before - 1, after, "entries 1..45 landed, 46..90 did not all");
            assertTrue(j.diskBytes() < disk);
            assertEquals(JournalFixture.filesBytes(dir), j.diskBytes());
            j.recordLanded(200);
            assertEquals(1, segmentFiles(dir).size(), "the segment being written stays");
        }
        try (Journal j = Journal.open(options().build(), losses)) {
            assertEquals(0, j.recovery().backlogEntries());
            assertEquals(200, j.recovery().landedSeq());
            assertEquals(0, segmentFiles(dir).size(), "a segment whose entries all landed is deleted at open");
            write(j, entries(201, 1, 10));
            assertEquals(201, readAll(j).size() + 200);
            assertEquals(201, j.lastTakenSeq());
        }
    }

    @Test
    void theCrashPointsOfWritingAndRecordingAreReachedInOrder() throws IOException {
        List<String> points = new ArrayList<>();
        CrashPoints.install(points::add);
        try (Journal j = Journal.open(options().segmentBytes(100).build(), losses)) {
            write(j, entries(1, 1, 200));
            write(j, entries(2, 1, 200));
            readAll(j);
            j.recordIntent(new AppendIntent("k", 0, 0, true, 400, 7, 1, 2));
            j.recordLanded(2);
        }
        // the last cleanup is the close's: everything landed, so the segment being written goes too
        assertEquals(List.of(CrashPoints.SEGMENT_ROLL, CrashPoints.JOURNAL_WRITTEN, CrashPoints.SEGMENT_ROLL,
                CrashPoints.JOURNAL_WRITTEN, CrashPoints.INTENT_RECORDED, CrashPoints.CLEANUP, CrashPoints.CLEANUP),
                points);
    }

    @Test
    void intervalSyncIsDueOnlyAfterAnUnforcedWrite() throws IOException {
        try (Journal j = Journal.open(options().sync(JournalSync.INTERVAL).syncInterval(Duration.ofHours(1)).build(),
                losses)) {
            assertEquals(Long.MAX_VALUE, j.nanosUntilSyncDue());
            write(j, entries(1, 3, 10));
            long due = j.nanosUntilSyncDue();
            assertTrue(due > Duration.ofMinutes(59).toNanos() && due <= Duration.ofHours(1).toNanos(), "due " + due);
            j.syncIfDue();
            assertTrue(j.nanosUntilSyncDue() < Long.MAX_VALUE, "not due yet: nothing forced");
            j.force();
            assertEquals(Long.MAX_VALUE, j.nanosUntilSyncDue());
        }
        try (Journal j = Journal.open(options().sync(JournalSync.INTERVAL).syncInterval(Duration.ZERO).build(),
                losses)) {
            write(j, entries(4, 3, 10));
            assertEquals(0, j.nanosUntilSyncDue());
            j.syncIfDue();
            assertEquals(Long.MAX_VALUE, j.nanosUntilSyncDue());
        }
        try (Journal j = Journal.open(options().sync(JournalSync.ALWAYS).build(), losses)) {
            write(j, entries(7, 3, 10));
            assertEquals(Long.MAX_VALUE, j.nanosUntilSyncDue(), "ALWAYS forces every frame");
            assertEquals(9, readAll(j).size());
        }
    }

    @Test
    void withIntervalSyncTheWriterNeverForcesASealedSegmentWaitsOpenForTheNextForce() throws IOException {
        FailingChannels disk = new FailingChannels();
        try (Journal j = Journal.open(options().sync(JournalSync.INTERVAL).syncInterval(Duration.ofHours(1))
                .channels(disk).build(), losses)) {
            int before = disk.openChannels.get();
            List<byte[]> written = entries(1, 12, 1000); // about three frames a segment: several rolls
            for (byte[] e : written) {
                write(j, List.of(e));
            }
            assertEquals(0, disk.forces.get(), "the writer forced");
            int sealed = disk.openChannels.get() - before - 1;
            assertTrue(sealed >= 2, sealed + " sealed segments' channels wait for the force");
            assertTrue(j.nanosUntilSyncDue() < Long.MAX_VALUE);
            j.force();
            assertEquals(before + 1, disk.openChannels.get(), "the sealed segments were closed once forced");
            assertTrue(disk.forces.get() >= sealed + 1, disk.forces.get() + " forces");
            assertEquals(Long.MAX_VALUE, j.nanosUntilSyncDue());
            assertEntries(written, readAll(j));
        }
        assertEquals(0, disk.openChannels.get(), "close closes every channel");
    }

    @Test
    void aSealedSegmentThatLandedBeforeTheForceIsNeverForced() throws IOException {
        FailingChannels disk = new FailingChannels();
        try (Journal j = Journal.open(options().sync(JournalSync.INTERVAL).syncInterval(Duration.ofHours(1))
                .channels(disk).build(), losses)) {
            write(j, entries(1, 12, 1000)); // several sealed segments wait for the force
            assertEquals(12, readAll(j).size());
            j.recordLanded(j.lastTakenSeq()); // they landed: deleted
            disk.forced.clear();
            int open = disk.openChannels.get();
            j.force();
            assertTrue(disk.forced.stream().filter(p -> p.getFileName().toString().startsWith("seg-")).count() <= 1,
                    "only the segment being written may be forced: " + disk.forced);
            assertTrue(disk.openChannels.get() < open, "the sealed segments' channels were closed");
        }
    }

    @Test
    void closingWhenEverythingLandedForcesOnlyTheRecordsAndDeletesEverySegment() throws IOException {
        FailingChannels disk = new FailingChannels();
        long last;
        try (Journal j = Journal.open(options().sync(JournalSync.INTERVAL).syncInterval(Duration.ofHours(1))
                .channels(disk).build(), losses)) {
            write(j, entries(1, 12, 1000)); // several segments, the last one still being written
            assertEquals(12, readAll(j).size());
            last = j.lastTakenSeq();
            j.recordLanded(last);
        }
        assertTrue(disk.forced.stream().noneMatch(p -> p.getFileName().toString().startsWith("seg-")),
                "a segment was forced: " + disk.forced);
        assertTrue(disk.forced.stream().anyMatch(p -> p.getFileName().toString().equals(AppendRecords.FILE)),
                "the records were forced: " + disk.forced);
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("seg-")), "segments left");
        }
        try (Journal j = Journal.open(options().build(), losses)) { // numbering goes on after what landed
            assertEquals(0, j.unreadEntries());
            write(j, entries(13, 1, 10));
            assertEquals(1, readAll(j).size());
            assertEquals(last + 1, j.lastTakenSeq());
        }
        assertEquals(0, losses.events);
    }

    @Test
    void closingWithEntriesNotLandedForcesThem() throws IOException {
        FailingChannels disk = new FailingChannels();
        try (Journal j = Journal.open(options().sync(JournalSync.INTERVAL).syncInterval(Duration.ofHours(1))
                .channels(disk).build(), losses)) {
            write(j, entries(1, 3, 10));
        }
        assertTrue(disk.forced.stream().anyMatch(p -> p.getFileName().toString().startsWith("seg-")),
                "the segment holding the backlog was forced: " + disk.forced);
        try (Journal j = Journal.open(options().build(), losses)) {
            assertEntries(entries(1, 3, 10), readAll(j));
        }
    }

    @Test
    void writingAfterCloseFails() throws IOException {
        Journal j = Journal.open(options().build(), losses);
        j.close();
        j.close();
        j.addToFrame(3, false);
        assertThrows(IOException.class, j::writeFrame);
        assertTrue(j.frameEmpty());
        assertNull(j.recovery().pending());
    }
}
