package io.github.appendlog.oss;

/**
 * The store's reply to a successful append.
 *
 * @param nextPosition {@code x-oss-next-append-position}
 * @param crc64 {@code x-oss-hash-crc64ecma} as an unsigned value held in a long
 * @param hasCrc64 whether the reply carried the CRC header
 */
public final class AppendReply {
    private final long nextPosition;
    private final long crc64;
    private final boolean hasCrc64;
    private final String requestId;

    public AppendReply(long nextPosition, long crc64, boolean hasCrc64, String requestId) {
        this.nextPosition = nextPosition;
        this.crc64 = crc64;
        this.hasCrc64 = hasCrc64;
        this.requestId = requestId;
    }

    public long nextPosition() {
        return nextPosition;
    }

    public long crc64() {
        return crc64;
    }

    public boolean hasCrc64() {
        return hasCrc64;
    }

    public String requestId() {
        return requestId;
    }

    @Override
    public String toString() {
        return "AppendReply{nextPosition=" + nextPosition + ", crc64=" + Long.toUnsignedString(crc64)
                + ", requestId=" + requestId + "}";
    }
}
