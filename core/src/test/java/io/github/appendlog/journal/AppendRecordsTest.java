package io.github.appendlog.journal;

import static io.github.appendlog.journal.JournalFixture.assertEntries;
import static io.github.appendlog.journal.JournalFixture.entries;
import static io.github.appendlog.journal.JournalFixture.readAll;
import static io.github.appendlog.journal.JournalFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The intent and landed records: what open finds in appends.log, settling, compaction and crashes around them. */
class AppendRecordsTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    // record offsets in the scenario's appends.log (an intent for key "obj" is 57 bytes, a landed record 15)
    private static final long LANDED_40 = 129;
    private static final long LANDED_60 = 201;

    @TempDir
    Path dir;

    private final JournalFixture.Losses losses = new JournalFixture.Losses();
    private final List<byte[]> all = new ArrayList<>();

    @AfterEach
    void noHook() {
        CrashPoints.install(null);
    }

    private JournalOptions options() {
        return JournalOptions.builder(dir).segmentBytes(1500).maxFrameBytes(1024).build();
    }

    private static AppendIntent intent(long first, long last) {
        return new AppendIntent("obj", first * 60 - 60, first * 1000, true, (int) (last - first + 1) * 60,
                last * 77, first, last);
    }

    private Journal openWithEntries(int count) throws IOException {
        Journal j = Journal.open(options(), losses);
        for (int f = 0; f < count / 5; f++) {
            List<byte[]> frame = entries(1 + 5L * f, 5, 60);
            write(j, frame);
            all.addAll(frame);
        }
        assertEquals(count, readAll(j).size());
        return j;
    }

    /** 65 entries in seg 1, 26 and 51; three appends of 20 entries recorded and landed. */
    private void landedScenario() throws IOException {
        try (Journal j = openWithEntries(65)) {
            for (int i = 0; i < 3; i++) {
                j.recordIntent(intent(1 + 20 * i, 20 + 20 * i));
                j.recordLanded(20 + 20 * i);
            }
        }
        assertEquals(216, Files.size(dir.resolve(AppendRecords.FILE)));
        assertEquals(List.of(dir.resolve(FrameFormat.segmentName(51))), JournalFixture.segmentFiles(dir));
    }

    private JournalRecovery reopen(List<byte[]> expectedRead) {
        return assertTimeoutPreemptively(LIMIT, () -> {
            try (Journal j = Journal.open(options(), losses)) {
                assertEntries(expectedRead, readAll(j));
                return j.recovery();
            }
        });
    }

    @Test
    void anIntentWithoutLandedComesBackPendingAndSettlingItLandedSkipsItsEntries() throws IOException {
        try (Journal j = openWithEntries(30)) {
            j.recordIntent(intent(1, 20));
        }
        try (Journal j = Journal.open(options(), losses)) {
            JournalRecovery r = j.recovery();
            assertEquals(intent(1, 20), r.pending());
            assertEquals(0, r.landedSeq());
            assertEquals(30, r.backlogEntries());
            j.settlePending(true);
            assertEquals(20, j.lastTakenSeq());
            assertEntries(all.subList(20, 30), readAll(j));
            assertEquals(0, j.unreadEntries());
        }
        try (Journal j = Journal.open(options(), losses)) {
            assertEquals(20, j.recovery().landedSeq());
            assertNull(j.recovery().pending());
            assertEquals(10, j.recovery().backlogEntries());
        }
    }

    @Test
    void anIntentSettledAsNotLandedIsReadAgainAndStaysPendingUntilAnotherReplacesIt() throws IOException {
        try (Journal j = openWithEntries(30)) {
            j.recordIntent(intent(1, 20));
        }
        try (Journal j = Journal.open(options(), losses)) {
            j.settlePending(false);
            assertEquals(0, j.lastTakenSeq());
            assertEntries(all, readAll(j));
        }
        try (Journal j = Journal.open(options(), losses)) {
            assertEquals(intent(1, 20), j.recovery().pending(), "settled again at the next start, the same way");
            j.settlePending(false);
            readAll(j);
            j.recordIntent(intent(1, 30));
            j.recordLanded(30);
        }
        try (Journal j = Journal.open(options(), losses)) {
            assertNull(j.recovery().pending());
            assertEquals(30, j.recovery().landedSeq());
        }
    }

    @Test
    void compactionKeepsTheLandedSeqAndThePendingIntent() throws IOException {
        try (Journal j = openWithEntries(65)) {
            j.records().compactAtBytes = 200;
            for (int i = 1; i <= 50; i++) {
                j.recordIntent(intent(i, i));
                j.recordLanded(i);
                assertTrue(j.records().size() <= 200 + 57 + 15, "compacted: " + j.records().size());
            }
            j.recordIntent(intent(51, 60));
            j.recordLanded(50);
            assertEquals(15 + 57, Files.size(dir.resolve(AppendRecords.FILE)), "one landed record and the intent");
        }
        JournalRecovery r = reopen(all.subList(50, 65));
        assertEquals(50, r.landedSeq());
        assertEquals(intent(51, 60), r.pending());
        assertTrue(r.problems().isEmpty(), r.toString());
    }

    @Test
    void aCrashDuringCompactionLeavesTheStateItHadBefore() throws IOException {
        Journal j = openWithEntries(65);
        j.records().compactAtBytes = 100;
        j.recordIntent(intent(1, 20));
        j.recordLanded(20);
        j.recordIntent(intent(21, 40));
        CrashPoints.install(point -> {
            if (point.equals(CrashPoints.COMPACTION)) {
                throw new IllegalStateException("crash at " + point);
            }
        });
        assertThrows(IllegalStateException.class, () -> j.recordLanded(30));
        CrashPoints.install(null);
        j.close();
        assertTrue(Files.exists(dir.resolve(AppendRecords.TEMP)));
        JournalRecovery r = reopen(all.subList(30, 65));
        assertEquals(30, r.landedSeq());
        assertEquals(intent(21, 40), r.pending());
        assertFalse(Files.exists(dir.resolve(AppendRecords.TEMP)));
        assertEquals(1, r.problems().size(), r.toString());
        assertTrue(r.problems().get(0).contains(AppendRecords.TEMP), r.toString());
    }

    @Test
    void aCrashDuringCleanupLeavesTheLandedSegmentsToTheNextOpen() throws IOException {
        Journal j = openWithEntries(65);
        CrashPoints.install(point -> {
            if (point.equals(CrashPoints.CLEANUP)) {
                throw new IllegalStateException("crash at " + point);
            }
        });
        assertThrows(IllegalStateException.class, () -> j.recordLanded(50));
        CrashPoints.install(null);
        j.close();
        assertEquals(2, JournalFixture.segmentFiles(dir).size(), "seg 1 deleted, seg 26 not yet");
        JournalRecovery r = reopen(all.subList(50, 65));
        assertEquals(50, r.landedSeq());
        assertEquals(15, r.backlogEntries());
        assertEquals(0, r.lostEvents());
        assertEquals(1, JournalFixture.segmentFiles(dir).size());
    }

    @Test
    void aCorruptLandedRecordInTheMiddleIsSkipped() throws IOException {
        landedScenario();
        flip(dir.resolve(AppendRecords.FILE), LANDED_40 + 5);
        JournalRecovery r = reopen(all.subList(60, 65));
        assertEquals(60, r.landedSeq());
        assertNull(r.pending());
        assertEquals(5, r.backlogEntries());
        assertEquals(0, r.lostEvents());
        assertEquals(1, r.problems().size(), r.toString());
        assertEquals(0, losses.events);
        assertTrue(reopen(all.subList(60, 65)).problems().isEmpty(), "rewritten clean");
    }

    @Test
    void aCorruptLandedRecordAtTheTailLeavesItsIntentPending() throws IOException {
        landedScenario();
        flip(dir.resolve(AppendRecords.FILE), LANDED_60 + 5);
        expectLandedTailLost();
    }

    @Test
    void aTornRecordAtTheTailIsCut() throws IOException {
        landedScenario();
        try (FileChannel ch = FileChannel.open(dir.resolve(AppendRecords.FILE), StandardOpenOption.WRITE)) {
            ch.truncate(LANDED_60 + 7);
        }
        expectLandedTailLost();
    }

    private void expectLandedTailLost() {
        JournalRecovery r = assertTimeoutPreemptively(LIMIT, () -> {
            try (Journal j = Journal.open(options(), losses)) {
                assertEquals(40, j.recovery().landedSeq());
                assertEquals(intent(41, 60), j.recovery().pending());
                assertEquals(15, j.recovery().backlogEntries());
                assertEquals(0, j.recovery().lostEvents(), "41..50 belong to the pending intent: not counted lost");
                j.settlePending(true);
                assertEntries(all.subList(60, 65), readAll(j));
                return j.recovery();
            }
        });
        assertEquals(1, r.problems().size(), r.toString());
        assertEquals(60, reopen(all.subList(60, 65)).landedSeq());
    }

    @Test
    void missingRecordsReplayTheBacklogFromItsOldestEntry() throws IOException {
        landedScenario();
        Files.delete(dir.resolve(AppendRecords.FILE));
        JournalRecovery r = reopen(all.subList(50, 65));
        assertTrue(r.recordsLost());
        assertEquals(50, r.landedSeq(), "entries before the oldest segment landed: it was deleted only after that");
        assertEquals(15, r.backlogEntries());
        assertEquals(0, r.lostEvents());
        JournalRecovery again = reopen(all.subList(50, 65));
        assertFalse(again.recordsLost(), "the records were written anew");
        assertEquals(50, again.landedSeq());
    }

    @Test
    void anUnreadableRecordsFileIsMovedAsideAndCountsAsLost() throws IOException {
        landedScenario();
        byte[] junk = new byte[4096];
        java.util.Arrays.fill(junk, (byte) 0x5a);
        Files.write(dir.resolve(AppendRecords.FILE), junk);
        JournalRecovery r = reopen(all.subList(50, 65));
        assertTrue(r.recordsLost());
        assertEquals(50, r.landedSeq());
        assertTrue(Files.exists(dir.resolve(JournalDirectory.CORRUPT)));
    }

    @Test
    void noRecordsAndNoSegmentsIsAFreshJournal() throws IOException {
        JournalRecovery r = reopen(List.of());
        assertFalse(r.recordsLost());
        assertTrue(r.problems().isEmpty());
    }

    @Test
    void aCompactionLeftoverIsDeleted() throws IOException {
        landedScenario();
        Files.write(dir.resolve(AppendRecords.TEMP), new byte[] {1, 2, 3});
        JournalRecovery r = reopen(all.subList(60, 65));
        assertEquals(60, r.landedSeq());
        assertFalse(Files.exists(dir.resolve(AppendRecords.TEMP)));
        assertEquals(1, r.problems().size(), r.toString());
    }

    @Test
    void aKeyTooLongForARecordIsRefused() throws IOException {
        try (Journal j = Journal.open(options(), losses)) {
            AppendIntent longKey = new AppendIntent("k".repeat(RecordCodec.MAX_KEY_BYTES + 1), 0, 0, true, 1, 1, 1, 1);
            assertThrows(IllegalArgumentException.class, () -> j.recordIntent(longKey));
        }
    }

    private static void flip(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x10);
        }
    }
}
