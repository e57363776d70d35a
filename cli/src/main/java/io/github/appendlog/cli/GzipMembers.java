package io.github.appendlog.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses a multi-member gzip stream (RFC 1952) fed in pieces of any size, as an object grows.
 * Each member's trailer (CRC-32 and length) is checked when it arrives; its text is written out as
 * it inflates ({@code cat}: any member size), or with {@code wholeMembers} only once the member is
 * complete and checked ({@code tail -f}: a member, one appended batch, is printed whole or not yet). Bytes of a member not yet complete are kept for the next {@link #feed}; {@link
 * #atMemberBoundary()} tells whether everything fed so far ends a member. Not thread-safe.
 */
final class GzipMembers {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] out = new byte[64 * 1024];
    private byte[] pending = new byte[0];
    private int pendingLength;
    private long consumed; // stream offset of pending[0], for messages
    private final ByteArrayOutputStream member;
    private boolean inBody;
    private long members;

    GzipMembers(boolean wholeMembers) {
        this.member = wholeMembers ? new ByteArrayOutputStream() : null;
    }

    /** Decompresses what {@code data} completes and writes it to {@code sink}. */
    void feed(byte[] data, int offset, int length, OutputStream sink) throws IOException {
        append(data, offset, length);
        while (pendingLength > 0) {
            if (!inBody) {
                int header = headerLength();
                if (header < 0) {
                    return;
                }
                consume(header);
                inflater.reset();
                crc.reset();
                inBody = true;
            }
            if (!inflate(sink)) {
                return;
            }
            if (pendingLength < 8) {
                return;
            }
            checkTrailer();
            consume(8);
            if (member != null) {
                member.writeTo(sink);
                member.reset();
            }
            inBody = false;
            members++;
        }
    }

    /** Whether the bytes fed so far end with a complete member (or none were fed). */
    boolean atMemberBoundary() {
        return !inBody && pendingLength == 0;
    }

    long members() {
        return members;
    }

    /** Inflates pending body bytes; true when the member's deflate data ended (trailer next). */
    private boolean inflate(OutputStream sink) throws IOException {
        if (inflater.finished()) {
            return true;
        }
        inflater.setInput(pending, 0, pendingLength);
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(out);
                if (n == 0) {
                    break; // needs input
                }
                crc.update(out, 0, n);
                (member != null ? member : sink).write(out, 0, n);
            }
        } catch (DataFormatException e) {
            throw new IOException("gzip member " + (members + 1) + " near byte " + consumed + " is corrupt: "
                    + e.getMessage(), e);
        }
        consume(pendingLength - inflater.getRemaining());
        return inflater.finished();
    }

    private void checkTrailer() throws IOException {
        long crcValue = u32(0);
        long size = u32(4);
        if (crcValue != crc.getValue() || size != (inflater.getBytesWritten() & 0xFFFFFFFFL)) {
            throw new IOException("gzip member " + (members + 1) + " ending at byte " + (consumed + 8)
                    + " fails its CRC-32 or length check");
        }
    }

    /** The length of the member header at pending[0], or -1 when it is not all there yet. */
    private int headerLength() throws IOException {
        if (pendingLength >= 2 && ((pending[0] & 0xFF) != 0x1f || (pending[1] & 0xFF) != 0x8b)) {
            throw new IOException("the bytes at " + consumed + " are not a gzip member (no 1f 8b)");
        }
        if (pendingLength < 10) {
            return -1;
        }
        if (pending[2] != 8) {
            throw new IOException("gzip member at byte " + consumed + " is not deflate-compressed");
        }
        int flags = pending[3] & 0xFF;
        int at = 10;
        if ((flags & FEXTRA) != 0) {
            if (pendingLength < at + 2) {
                return -1;
            }
            at += 2 + ((pending[at] & 0xFF) | (pending[at + 1] & 0xFF) << 8);
        }
        for (int flag : new int[] {FNAME, FCOMMENT}) {
            if ((flags & flag) != 0) {
                while (at < pendingLength && pending[at] != 0) {
                    at++;
                }
                if (at >= pendingLength) {
                    return -1;
                }
                at++;
            }
        }
        if ((flags & FHCRC) != 0) {
            at += 2;
        }
        return at <= pendingLength ? at : -1;
    }

    private long u32(int at) {
        return (pending[at] & 0xFFL) | (pending[at + 1] & 0xFFL) << 8 | (pending[at + 2] & 0xFFL) << 16
                | (pending[at + 3] & 0xFFL) << 24;
    }

    private void append(byte[] data, int offset, int length) {
        if (pendingLength + length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pendingLength + length, pending.length * 2));
        }
        System.arraycopy(data, offset, pending, pendingLength, length);
        pendingLength += length;
    }

    private void consume(int n) {
        System.arraycopy(pending, n, pending, 0, pendingLength - n);
        pendingLength -= n;
        consumed += n;
    }
}
