package io.github.appendlog.cli;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns an object's bytes, fed from its start in pieces, into its text: a gzip object (first bytes
 * {@code 1f 8b}, whatever its name) is decompressed member by member ({@link GzipMembers}); any other
 * object passes through as it is. Not thread-safe.
 */
final class ObjectText {
    private final OutputStream sink;
    private final byte[] first = new byte[2];
    private int firstLength;
    private GzipMembers gzip;
    private boolean plain;

    private final boolean wholeMembers;

    /** @param wholeMembers write a gzip member's text only once the member is complete and checked */
    ObjectText(OutputStream sink, boolean wholeMembers) {
        this.sink = sink;
        this.wholeMembers = wholeMembers;
    }

    void feed(byte[] data, int offset, int length) throws IOException {
        if (!plain && gzip == null) {
            int take = Math.min(length, 2 - firstLength);
            System.arraycopy(data, offset, first, firstLength, take);
            firstLength += take;
            offset += take;
            length -= take;
            if (firstLength < 2) {
                return;
            }
            decide();
        }
        if (gzip != null) {
            gzip.feed(data, offset, length, sink);
        } else {
            sink.write(data, offset, length);
        }
    }

    /** The object is known not to be gzip (its first bytes were seen): what is fed passes through. */
    void plain() {
        if (gzip == null && firstLength == 0) {
            plain = true;
        }
    }

    void feed(byte[] data) throws IOException {
        feed(data, 0, data.length);
    }

    private void decide() throws IOException {
        if ((first[0] & 0xFF) == 0x1f && (first[1] & 0xFF) == 0x8b) {
            gzip = new GzipMembers(wholeMembers);
            gzip.feed(first, 0, 2, sink);
        } else {
            plain = true;
            sink.write(first, 0, firstLength);
        }
    }

    /** Whether the object's bytes were seen to be gzip (false while fewer than two were fed). */
    boolean gzip() {
        return gzip != null;
    }

    /**
     * The object ends here: a lone first byte is text; a gzip member left incomplete is an error.
     *
     * @throws IOException naming the truncated member
     */
    void end() throws IOException {
        if (gzip == null && !plain && firstLength > 0) {
            plain = true;
            sink.write(first, 0, firstLength);
        }
        if (gzip != null && !gzip.atMemberBoundary()) {
            throw new IOException("the object ends inside gzip member " + (gzip.members() + 1) + " (truncated)");
        }
        sink.flush();
    }
}
