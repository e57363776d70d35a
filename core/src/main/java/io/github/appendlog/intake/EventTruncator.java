package io.github.appendlog.intake;

import java.nio.charset.StandardCharsets;

/**
 * Cuts an event longer than {@code maxEventBytes} down to a prefix followed by a visible marker,
 * {@code ...[appendlog: truncated 1234567 bytes]\n}, so the result fits in {@code maxEventBytes}
 * and still ends a line. The cut never splits a UTF-8 character.
 */
final class EventTruncator {
    private final int maxEventBytes;

    /** @param maxEventBytes at least 64, so the marker always fits */
    EventTruncator(int maxEventBytes) {
        if (maxEventBytes < 64) {
            throw new IllegalArgumentException("maxEventBytes " + maxEventBytes + " is below 64");
        }
        this.maxEventBytes = maxEventBytes;
    }

    /** The most an event takes once truncated, its marker included. */
    int maxEventBytes() {
        return maxEventBytes;
    }

    boolean needsTruncation(byte[] event) {
        return needsTruncation(event.length);
    }

    /** Whether an event of {@code length} bytes is longer than {@code maxEventBytes}. */
    boolean needsTruncation(int length) {
        return length > maxEventBytes;
    }

    /** The event itself if it fits, otherwise a new array of at most {@code maxEventBytes}. */
    byte[] truncate(byte[] event) {
        if (event.length <= maxEventBytes) {
            return event;
        }
        // The marker is longest when it counts every byte; size the prefix for that, then count exactly.
        int keep = maxEventBytes - marker(event.length).length;
        while (keep + 1 + marker(event.length - keep - 1).length <= maxEventBytes) {
            keep++; // the count has fewer digits than the longest case: room for more of the event
        }
        while (keep > 0 && (event[keep] & 0xC0) == 0x80) {
            keep--; // event[keep] continues a UTF-8 sequence: cut before the sequence starts
        }
        byte[] marker = marker(event.length - keep);
        byte[] out = new byte[keep + marker.length];
        System.arraycopy(event, 0, out, 0, keep);
        System.arraycopy(marker, 0, out, keep, marker.length);
        return out;
    }

    private static byte[] marker(long droppedBytes) {
        return ("...[appendlog: truncated " + droppedBytes + " bytes]\n").getBytes(StandardCharsets.US_ASCII);
    }
}
