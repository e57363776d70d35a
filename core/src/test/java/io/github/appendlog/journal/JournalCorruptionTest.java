package io.github.appendlog.journal;

import static io.github.appendlog.journal.JournalFixture.assertEntries;
import static io.github.appendlog.journal.JournalFixture.entries;
import static io.github.appendlog.journal.JournalFixture.entry;
import static io.github.appendlog.journal.JournalFixture.readAll;
import static io.github.appendlog.journal.JournalFixture.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.config.JournalSync;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a crash or a bad disk leaves in the segment files: open and the reader never throw or hang,
 * count exactly what was lost, and hand out everything else in order. The layout: 13 frames of 5
 * entries of 60 bytes (340 bytes a frame), 5 frames a segment: seg 1 (entries 1..25), seg 26
 * (26..50), seg 51 (51..65, the newest).
 */
class JournalCorruptionTest {
    private static final int FRAME = 340;
    private static final long NEWEST_LAST_FRAME = 28 + 2 * FRAME; // entries 61..65
    private static final long NEWEST_MIDDLE_FRAME = 28 + FRAME; // entries 56..60
    private static final long OLDER_FRAME = 28 + 2 * FRAME; // entries 36..40 of seg 26
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private static JournalOptions options(Path d) {
        return JournalOptions.builder(d).segmentBytes(1500).maxFrameBytes(1024).sync(JournalSync.NONE).build();
    }

    private List<byte[]> pristine(Path d) throws IOException {
        List<byte[]> all = new ArrayList<>();
        try (Journal j = Journal.open(options(d), new JournalFixture.Losses())) {
            for (int f = 0; f < 13; f++) {
                List<byte[]> frame = entries(1 + 5L * f, 5, 60);
                write(j, frame);
                all.addAll(frame);
            }
        }
        assertEquals(3, JournalFixture.segmentFiles(d).size());
        assertEquals(28 + 3 * FRAME, Files.size(seg(d, 51)));
        return all;
    }

    private static Path seg(Path d, long first) {
        return d.resolve(FrameFormat.segmentName(first));
    }

    /** Entries numbered {@code from..to} of the pristine layout. */
    private static List<byte[]> range(List<byte[]> all, int from, int to) {
        return all.subList(from - 1, to);
    }

    private static List<byte[]> concat(List<byte[]> a, List<byte[]> b) {
        List<byte[]> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /**
     * Opens the damaged journal: it reads exactly {@code expected}, the losses (at open and while
     * reading) add up to {@code lost}, writing goes on, and once what was read landed, the next
     * open finds nothing more to repair.
     */
    private void expect(Path d, List<byte[]> expected, long lost) {
        assertTimeoutPreemptively(LIMIT, () -> {
            JournalFixture.Losses losses = new JournalFixture.Losses();
            try (Journal j = Journal.open(options(d), losses)) {
                JournalRecovery r = j.recovery();
                assertEntries(expected, readAll(j));
                assertEquals(lost, r.lostEvents() + losses.events, r + " " + losses.reasons);
                write(j, List.of(entry(999, 10)));
                assertArrayEquals(entry(999, 10), readAll(j).get(0));
                j.recordLanded(j.lastTakenSeq());
            }
            try (Journal j = Journal.open(options(d), losses)) {
                assertEquals(0, j.recovery().lostEvents(), j.recovery().toString());
                assertTrue(j.recovery().problems().isEmpty(), j.recovery().toString());
                assertEquals(0, j.recovery().backlogEntries());
            }
        });
    }

    private static void flip(Path file, long offset, int bit) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ (1 << bit));
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    private static void appendZeros(Path file, int n) throws IOException {
        Files.write(file, new byte[n], StandardOpenOption.APPEND);
    }

    @Test
    void theLastFrameCutAtEveryOffsetLosesExactlyItsEntriesWhenItsHeaderTellsThem() throws IOException {
        Path base = tmp.resolve("base");
        List<byte[]> all = pristine(base);
        try (Journal j = Journal.open(options(base), new JournalFixture.Losses())) {
            write(j, entries(66, 3, 20)); // the last frame, alone in a new segment: 20 + 3 * 4 + 3 * 20 bytes
        }
        long last = FrameFormat.SEGMENT_HEADER_BYTES;
        long end = Files.size(seg(base, 66));
        assertEquals(last + 92, end);
        for (long cut = last; cut < end; cut++) {
            Path d = tmp.resolve("cut-" + cut);
            JournalFixture.copy(base, d);
            truncate(seg(d, 66), cut);
            long at = cut;
            assertTimeoutPreemptively(LIMIT, () -> {
                try (Journal j = Journal.open(options(d), new JournalFixture.Losses())) {
                    JournalRecovery r = j.recovery();
                    long lost = at - last >= FrameFormat.FRAME_HEADER_BYTES ? 3 : 0;
                    assertEquals(lost, r.lostEvents(), "cut at " + at + ": " + r);
                    assertEquals(65, r.backlogEntries(), "cut at " + at);
                    assertEquals(65 * 60, r.backlogBytes());
                    assertEquals(at == last ? 0 : 1, r.problems().size(), r.toString());
                    assertEntries(all, readAll(j));
                    write(j, List.of(entry(66, 60)));
                    assertEquals(1, readAll(j).size());
                    assertEquals(66, j.lastTakenSeq(), "sequence numbers continue after the last good entry");
                }
            });
            assertEquals(last + 20 + 4 + 60, Files.size(seg(d, 66)), "the torn frame was cut off, entry 66 took its place");
        }
    }

    /** Frame header fields, an entry length and the payload, each flipped at a low and a high bit. */
    private static final long[][] FRAME_FLIPS = {
        {3, 0}, {0, 7}, // payload length
        {11, 0}, {4, 6}, // first seq
        {15, 0}, {12, 7}, // count
        {19, 0}, {16, 7}, // crc
        {23, 0}, {20, 6}, // the first entry's length
        {40 + 25, 0}, {40 + 299, 7}, // payload
    };

    @Test
    void aBitFlippedInTheNewestSegmentsLastFrameLosesThatFrameOnly() throws IOException {
        Path base = tmp.resolve("base");
        List<byte[]> all = pristine(base);
        for (long[] flip : FRAME_FLIPS) {
            Path d = tmp.resolve("last-" + flip[0] + "-" + flip[1]);
            JournalFixture.copy(base, d);
            flip(seg(d, 51), NEWEST_LAST_FRAME + flip[0], (int) flip[1]);
            expect(d, range(all, 1, 60), 5);
        }
    }

    @Test
    void aBitFlippedInAMiddleFrameOfTheNewestSegmentLosesTheRestOfItExactly() throws IOException {
        Path base = tmp.resolve("base");
        List<byte[]> all = pristine(base);
        for (long[] flip : FRAME_FLIPS) {
            Path d = tmp.resolve("middle-" + flip[0] + "-" + flip[1]);
            JournalFixture.copy(base, d);
            flip(seg(d, 51), NEWEST_MIDDLE_FRAME + flip[0], (int) flip[1]);
            expect(d, range(all, 1, 55), 10);
        }
    }

    @Test
    void aBitFlippedInAnOlderSegmentLosesTheRestOfThatSegmentOnly() throws IOException {
        Path base = tmp.resolve("base");
        List<byte[]> all = pristine(base);
        for (long[] flip : FRAME_FLIPS) {
            Path d = tmp.resolve("older-" + flip[0] + "-" + flip[1]);
            JournalFixture.copy(base, d);
            flip(seg(d, 26), OLDER_FRAME + flip[0], (int) flip[1]);
            expect(d, concat(range(all, 1, 35), range(all, 51, 65)), 15);
        }
    }

    @Test
    void aBitFlippedInASegmentHeaderLosesThatSegment() throws IOException {
        Path base = tmp.resolve("base");
        List<byte[]> all = pristine(base);
        for (int offset : new int[] {0, 4, 6, 8, 15, 16, 24, 27}) {
            Path older = tmp.resolve("older-header-" + offset);
            JournalFixture.copy(base, older);
            flip(seg(older, 26), offset, 3);
            expect(older, concat(range(all, 1, 25), range(all, 51, 65)), 25);
            assertFalse(Files.exists(seg(older, 26)), "moved aside");

            Path newest = tmp.resolve("newest-header-" + offset);
            JournalFixture.copy(base, newest);
            flip(seg(newest, 51), offset, 3);
            expect(newest, range(all, 1, 50), 15);
        }
    }

    @Test
    void aZeroFilledTailIsCutWithoutLoss() throws IOException {
        Path base = tmp.resolve("base");
        List<byte[]> all = pristine(base);
        Path d = tmp.resolve("zeros");
        JournalFixture.copy(base, d);
        appendZeros(seg(d, 51), 4096);
        expect(d, all, 0);

        Path torn = tmp.resolve("torn-then-zeros");
        JournalFixture.copy(base, torn);
        truncate(seg(torn, 51), NEWEST_LAST_FRAME + 100);
        appendZeros(seg(torn, 51), 4096);
        expect(torn, range(all, 1, 60), 5);
    }

    @Test
    void aMissingMiddleSegmentIsCountedFromTheSequenceGap() throws IOException {
        Path d = tmp.resolve("missing");
        List<byte[]> all = pristine(d);
        Files.delete(seg(d, 26));
        expect(d, concat(range(all, 1, 25), range(all, 51, 65)), 25);
    }

    @Test
    void garbageFilesAreMovedAsideWithoutLoss() throws IOException {
        Path d = tmp.resolve("garbage");
        List<byte[]> all = pristine(d);
        Random random = new Random(14);
        byte[] junk = new byte[3000];
        random.nextBytes(junk);
        Files.write(d.resolve(FrameFormat.segmentName(30)), junk); // named like a segment, among them
        random.nextBytes(junk);
        Files.write(d.resolve(FrameFormat.segmentName(99)), junk); // named like a segment, after them
        Files.write(d.resolve("notes.txt"), junk);
        Files.write(d.resolve("seg-12.log"), junk);
        expect(d, all, 0);
        try (var moved = Files.list(d.resolve(JournalDirectory.CORRUPT))) {
            assertEquals(4, moved.count());
        }
    }

    @Test
    void anOlderSegmentEndingInAPartialFrameIsCutAndItsGapCounted() throws IOException {
        // a sealed segment whose last frame is replaced by 100 bytes of another frame
        Path d = tmp.resolve("older-torn");
        List<byte[]> all = pristine(d);
        byte[] partial = java.util.Arrays.copyOf(Files.readAllBytes(seg(d, 26)), 28 + 4 * FRAME + 100);
        System.arraycopy(partial, 28, partial, 28 + 4 * FRAME, 100); // a copy of a frame's start, wrong seq
        truncate(seg(d, 26), 28 + 4 * FRAME);
        Files.write(seg(d, 26), java.util.Arrays.copyOfRange(partial, 28 + 4 * FRAME, partial.length),
                StandardOpenOption.APPEND);
        expect(d, concat(range(all, 1, 45), range(all, 51, 65)), 5);
    }

    @Test
    void aBadFrameInTheSegmentBeingWrittenIsSkippedAndTheWriterRollsOn() throws IOException {
        Path d = tmp.resolve("live");
        JournalFixture.Losses losses = new JournalFixture.Losses();
        assertTimeoutPreemptively(LIMIT, () -> {
            try (Journal j = Journal.open(options(d), losses)) {
                write(j, entries(1, 5, 60));
                write(j, entries(6, 5, 60));
                flip(seg(d, 1), 28 + FRAME + 40 + 7, 2); // a payload byte of the second frame, not read yet
                assertEntries(entries(1, 5, 60), readAll(j));
                assertEquals(5, losses.events, losses.reasons.toString());
                assertEquals(0, j.unreadEntries());
                write(j, entries(11, 5, 60));
                assertEquals(2, JournalFixture.segmentFiles(d).size(), "the writer rolled away from the bad segment");
                assertEntries(entries(11, 5, 60), readAll(j));
                assertEquals(15, j.lastTakenSeq());
                j.recordLanded(15);
            }
            try (Journal j = Journal.open(options(d), losses)) {
                assertEquals(0, j.recovery().backlogEntries());
                assertTrue(j.recovery().problems().isEmpty(), j.recovery().toString());
            }
        });
    }

    @Test
    void aSegmentDeletedUnderTheReaderIsSkippedAndCounted() throws IOException {
        Path d = tmp.resolve("vanished");
        List<byte[]> all = pristine(d);
        JournalFixture.Losses losses = new JournalFixture.Losses();
        assertTimeoutPreemptively(LIMIT, () -> {
            try (Journal j = Journal.open(options(d), losses)) {
                Files.delete(seg(d, 26));
                assertEntries(concat(range(all, 1, 25), range(all, 51, 65)), readAll(j));
                assertEquals(25, losses.events, losses.reasons.toString());
                assertEquals(0, j.unreadEntries());
            }
        });
    }
}
