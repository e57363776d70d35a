package io.github.appendlog.store;

/**
 * The store's reply to a successful append: where the object ends now and, when the store says,
 * the whole object's checksum ({@link AppendStore#checksum()}).
 */
public final class AppendReply {
    private final long nextPosition;
    private final long checksum;
    private final boolean hasChecksum;
    private final String requestId;

    /**
     * @param nextPosition the object's length after the append (OSS: {@code x-oss-next-append-position})
     * @param checksum the whole object's checksum (OSS: {@code x-oss-hash-crc64ecma}, unsigned in a long)
     * @param hasChecksum whether the reply carried one
     * @param requestId the store's request id, for messages; may be null
     */
    public AppendReply(long nextPosition, long checksum, boolean hasChecksum, String requestId) {
        this.nextPosition = nextPosition;
        this.checksum = checksum;
        this.hasChecksum = hasChecksum;
        this.requestId = requestId;
    }

    public long nextPosition() {
        return nextPosition;
    }

    public long checksum() {
        return checksum;
    }

    public boolean hasChecksum() {
        return hasChecksum;
    }

    public String requestId() {
        return requestId;
    }

    @Override
    public String toString() {
        return "AppendReply{nextPosition=" + nextPosition + ", checksum="
                + (hasChecksum ? Long.toUnsignedString(checksum) : "none") + ", requestId=" + requestId + "}";
    }
}
