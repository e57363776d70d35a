package io.github.appendlog.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EventTruncatorTest {

    @Test
    void leavesAnEventThatFitsAlone() {
        byte[] event = new byte[100];
        assertFalse(new EventTruncator(100).needsTruncation(event));
        assertSame(event, new EventTruncator(100).truncate(event));
    }

    @Test
    void cutsToTheLimitWithAMarkerCountingTheRemovedBytes() {
        byte[] event = new byte[1_234_567];
        Arrays.fill(event, (byte) 'x');
        EventTruncator truncator = new EventTruncator(200);
        assertTrue(truncator.needsTruncation(event));
        byte[] out = truncator.truncate(event);
        String text = new String(out, StandardCharsets.US_ASCII);
        assertEquals(200, out.length);
        assertTrue(text.endsWith("...[appendlog: truncated " + (1_234_567 - text.indexOf("...")) + " bytes]\n"), text);
        assertTrue(text.startsWith("xxxx"));
    }

    @Test
    void neverSplitsAUtf8Character() {
        String s = "\u00e9".repeat(100) + "\n"; // two bytes each
        byte[] event = s.getBytes(StandardCharsets.UTF_8);
        for (int max = 64; max < 100; max++) {
            byte[] out = new EventTruncator(max).truncate(event);
            assertTrue(out.length <= max);
            String text = new String(out, StandardCharsets.UTF_8);
            assertFalse(text.contains("\ufffd"), text);
            int kept = text.indexOf("...[appendlog");
            assertEquals("...[appendlog: truncated " + (event.length - kept * 2) + " bytes]\n", text.substring(kept));
        }
    }

    @Test
    void refusesALimitTooSmallForTheMarker() {
        assertThrows(IllegalArgumentException.class, () -> new EventTruncator(10));
    }
}
