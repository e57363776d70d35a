package io.github.appendlog.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrameFormatTest {
    @Test
    void segmentNamesCarryTheFirstSeqInTwentyDigits() {
        assertEquals("seg-00000000000000000001.log", FrameFormat.segmentName(1));
        assertEquals("seg-09223372036854775807.log", FrameFormat.segmentName(Long.MAX_VALUE));
        assertEquals(1, FrameFormat.seqOfName("seg-00000000000000000001.log"));
        assertEquals(Long.MAX_VALUE, FrameFormat.seqOfName(FrameFormat.segmentName(Long.MAX_VALUE)));
        for (String foreign : new String[] {"seg-1.log", "seg-0000000000000000000x.log", "seg-00000000000000000001.tmp",
            "xeg-00000000000000000001.log", "seg-99999999999999999999.log", "appends.log"}) {
            assertEquals(-1, FrameFormat.seqOfName(foreign), foreign);
        }
    }

    @Test
    void aSegmentHeaderIsValidOnlyWithItsMagicVersionSeqAndCrc() {
        byte[] h = new byte[FrameFormat.SEGMENT_HEADER_BYTES];
        FrameFormat.writeSegmentHeader(h, 42, 1_700_000_000_000L);
        assertEquals(0x41504C4A, FrameFormat.getInt(h, 0));
        assertEquals(42, FrameFormat.getLong(h, 8));
        assertTrue(FrameFormat.segmentHeaderValid(h, 42));
        assertFalse(FrameFormat.segmentHeaderValid(h, 43), "a header naming another seq than the file's name");
        for (int i = 0; i < h.length; i++) {
            h[i] ^= 1;
            assertFalse(FrameFormat.segmentHeaderValid(h, 42), "byte " + i + " flipped");
            h[i] ^= 1;
        }
    }

    @Test
    void bigEndianIntegersRoundTrip() {
        byte[] b = new byte[12];
        FrameFormat.putInt(b, 0, 0x8000_0001);
        FrameFormat.putLong(b, 4, -2L);
        assertEquals(0x80, b[0] & 0xff);
        assertEquals(0x8000_0001, FrameFormat.getInt(b, 0));
        assertEquals(-2L, FrameFormat.getLong(b, 4));
        assertTrue(FrameFormat.isMarker(0x8000_0005));
        assertEquals(5, FrameFormat.entryLength(0x8000_0005));
    }
}
