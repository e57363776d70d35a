package io.github.appendlog.journal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The frame the writer is building: the entries' bytes (copied in by the caller at the offsets
 * {@link #add} returns) and, apart, the frame header and the entry lengths; {@link #buffers} gives
 * both for one gathering write. The frame's body (lengths and payload) stays within
 * {@code maxFrameBytes} unless its single entry alone is bigger. Arrays grow as needed and are
 * reused; nothing is allocated per entry.
 */
final class FrameBuilder {
    private static final int INITIAL_PAYLOAD = 64 << 10;

    private final int maxFrameBytes;
    private byte[] head = new byte[FrameFormat.FRAME_HEADER_BYTES + 4 * 256];
    private byte[] payload;
    private ByteBuffer headBuffer;
    private ByteBuffer payloadBuffer;
    private final ByteBuffer[] gather = new ByteBuffer[2];
    private int[] markerIdx = new int[4];
    private int markers;
    private int count;
    private int events;
    private int payloadBytes;

    FrameBuilder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
        this.payload = new byte[Math.max(16, Math.min(maxFrameBytes, INITIAL_PAYLOAD))];
        this.headBuffer = ByteBuffer.wrap(head);
        this.payloadBuffer = ByteBuffer.wrap(payload);
    }

    /** Adds an entry; returns where in {@link #payload()} its bytes go, or -1 when it does not fit a non-empty frame. */
    int add(int length, boolean marker) {
        if (length < 0) {
            throw new IllegalArgumentException("an entry's length cannot be negative: " + length);
        }
        if (count > 0 && 4L * (count + 1) + payloadBytes + length > maxFrameBytes) {
            return -1;
        }
        int headNeeded = FrameFormat.FRAME_HEADER_BYTES + 4 * (count + 1);
        if (headNeeded > head.length) {
            head = Arrays.copyOf(head, Math.max(headNeeded, head.length * 2));
            headBuffer = ByteBuffer.wrap(head);
        }
        long payloadNeeded = (long) payloadBytes + length;
        if (payloadNeeded > Integer.MAX_VALUE - 64) {
            return -1;
        }
        if (payloadNeeded > payload.length) {
            payload = Arrays.copyOf(payload, (int) Math.min(Integer.MAX_VALUE - 64,
                    Math.max(payloadNeeded, 2L * payload.length)));
            payloadBuffer = ByteBuffer.wrap(payload);
        }
        FrameFormat.putInt(head, FrameFormat.FRAME_HEADER_BYTES + 4 * count,
                marker ? length | FrameFormat.MARKER_BIT : length);
        if (marker) {
            if (markers == markerIdx.length) {
                markerIdx = Arrays.copyOf(markerIdx, markers * 2);
            }
            markerIdx[markers++] = count;
        } else {
            events++;
        }
        count++;
        int at = payloadBytes;
        payloadBytes += length;
        return at;
    }

    byte[] payload() {
        return payload;
    }

    boolean isEmpty() {
        return count == 0;
    }

    int count() {
        return count;
    }

    int events() {
        return events;
    }

    int payloadBytes() {
        return payloadBytes;
    }

    int[] markerIndexes() {
        return markerIdx;
    }

    int markers() {
        return markers;
    }

    /** Bytes the frame takes in a segment. */
    long frameBytes() {
        return FrameFormat.frameBytes(count, payloadBytes);
    }

    /** Completes the header for entries starting at {@code firstSeq} and returns the buffers to write. */
    ByteBuffer[] buffers(long firstSeq, CRC32C crc) {
        FrameFormat.putInt(head, 0, payloadBytes);
        FrameFormat.putLong(head, 4, firstSeq);
        FrameFormat.putInt(head, 12, count);
        int lengthsBytes = 4 * count;
        FrameFormat.putInt(head, 16, FrameFormat.frameCrc(crc, head, 0, head, FrameFormat.FRAME_HEADER_BYTES,
                lengthsBytes, payload, 0, payloadBytes));
        headBuffer.limit(FrameFormat.FRAME_HEADER_BYTES + lengthsBytes).position(0);
        payloadBuffer.limit(payloadBytes).position(0);
        gather[0] = headBuffer;
        gather[1] = payloadBuffer;
        return gather;
    }

    /** Empties the frame; an array grown for one big entry is given back. */
    void clear() {
        count = 0;
        events = 0;
        payloadBytes = 0;
        markers = 0;
        int usual = Math.max(16, Math.min(maxFrameBytes, INITIAL_PAYLOAD));
        if (payload.length > 2L * Math.max(maxFrameBytes, usual)) {
            payload = new byte[usual];
            payloadBuffer = ByteBuffer.wrap(payload);
        }
    }
}
