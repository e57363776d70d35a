package io.github.appendlog.journal;

import static io.github.appendlog.journal.JournalFixture.assertEntries;
import static io.github.appendlog.journal.JournalFixture.entries;
import static io.github.appendlog.journal.JournalFixture.readAll;
import static io.github.appendlog.journal.JournalFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full disk while writing: nothing partial is ever readable, writing resumes when space returns, open recovers cleanly. */
class JournalDiskFullTest {
    private static final int FRAME = 20 + 4 * 5 + 5 * 60;

    @TempDir
    Path tmp;

    private final FailingChannels channels = new FailingChannels();

    private JournalOptions options(Path d, long segmentBytes, FailingChannels ch) {
        JournalOptions.Builder b = JournalOptions.builder(d).segmentBytes(segmentBytes).maxFrameBytes(1024);
        return (ch == null ? b : b.channels(ch)).build();
    }

    private static void writeFrame(Journal j, List<byte[]> entries) throws IOException {
        for (byte[] e : entries) {
            JournalFixture.add(j, e, false);
        }
        j.writeFrame();
    }

    /** Frame A written, frame B failing after {@code space} bytes, frame C after space returns. */
    private void fullDiskDuringAFrame(Path d, long segmentBytes, long space, boolean truncateFails) throws IOException {
        List<byte[]> a = entries(1, 5, 60);
        List<byte[]> b = entries(100, 5, 60);
        List<byte[]> c = entries(6, 5, 60);
        try (Journal j = Journal.open(options(d, segmentBytes, channels), new JournalFixture.Losses())) {
            write(j, a);
            channels.space.set(space);
            channels.truncateFails = truncateFails;
            IOException e = assertThrows(IOException.class, () -> writeFrame(j, b), "space " + space);
            assertTrue(e.getMessage().contains("No space left"), e.getMessage());
            assertTrue(j.frameEmpty());
            assertEntries(a, readAll(j));
            assertEquals(-1, j.nextLength(), "nothing of the failed frame is readable");
            channels.space.set(FailingChannels.UNLIMITED);
            channels.truncateFails = false;
            write(j, c);
            assertEntries(c, readAll(j));
            assertEquals(10, j.lastTakenSeq(), "the failed frame took no sequence numbers");
            assertEquals(0, j.unreadEntries());
        }
        try (Journal j = Journal.open(options(d, segmentBytes, null), new JournalFixture.Losses())) {
            JournalRecovery r = j.recovery();
            assertEquals(0, r.lostEvents(), r.toString());
            assertEquals(10, r.backlogEntries());
            List<byte[]> both = new ArrayList<>(a);
            both.addAll(c);
            assertEntries(both, readAll(j));
            if (!truncateFails) {
                assertTrue(r.problems().isEmpty(), r.toString());
            }
        }
    }

    @Test
    void aWriteFailingAtAnyOffsetOfAFrameLeavesNothingPartialAndWritingResumes() throws IOException {
        for (long space : new long[] {0, 1, 19, 20, 21, 39, 40, 41, 200, FRAME - 1}) {
            fullDiskDuringAFrame(tmp.resolve("space-" + space), 1 << 20, space, false);
        }
    }

    @Test
    void whenTheCutBackFailsTooTheNextFrameGoesToANewSegment() throws IOException {
        for (long space : new long[] {0, 20, 200}) {
            Path d = tmp.resolve("sealed-" + space);
            fullDiskDuringAFrame(d, 1 << 20, space, true);
            assertEquals(2, JournalFixture.segmentFiles(d).size(),
                    "the segment the write failed in is sealed; frame C went to a new one");
        }
    }

    @Test
    void aSegmentRollFailingLeavesNoFileBehind() throws IOException {
        for (long space : new long[] {0, 10, 27, FrameFormat.SEGMENT_HEADER_BYTES + 30}) {
            Path d = tmp.resolve("roll-" + space);
            fullDiskDuringAFrame(d, 100, space, false); // every frame rolls to a new segment
            assertEquals(2, JournalFixture.segmentFiles(d).size(), "space " + space);
        }
    }

    @Test
    void aRecordFailingLeavesNoTornRecord() throws IOException {
        Path d = tmp.resolve("records");
        AppendIntent intent = new AppendIntent("obj", 0, 0, true, 300, 5, 1, 5);
        try (Journal j = Journal.open(options(d, 1 << 20, channels), new JournalFixture.Losses())) {
            write(j, entries(1, 5, 60));
            readAll(j);
            channels.space.set(20);
            assertThrows(IOException.class, () -> j.recordIntent(intent));
            channels.space.set(FailingChannels.UNLIMITED);
            j.recordIntent(intent);
        }
        try (Journal j = Journal.open(options(d, 1 << 20, null), new JournalFixture.Losses())) {
            assertEquals(intent, j.recovery().pending());
            assertTrue(j.recovery().problems().isEmpty(), j.recovery().toString());
        }
    }
}
