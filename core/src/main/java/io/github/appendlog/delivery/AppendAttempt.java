package io.github.appendlog.delivery;

import io.github.appendlog.store.AppendReply;
import io.github.appendlog.store.ObjectChecksum;

/**
 * One append as it was sent: where, on top of which CRC, and a fingerprint of the bytes. It tells
 * whether a reply acknowledges exactly this append, and is kept while its outcome is unknown, so
 * that the writer can find out later whether it landed.
 */
final class AppendAttempt {
    private final ObjectChecksum checksum;
    private final long position;
    private final long crcBefore;
    private final boolean crcKnown;
    private final int length;
    private final long batchCrc;

    AppendAttempt(ObjectChecksum checksum, long position, long crcBefore, boolean crcKnown, int length, long batchCrc) {
        this.checksum = checksum;
        this.position = position;
        this.crcBefore = crcBefore;
        this.crcKnown = crcKnown;
        this.length = length;
        this.batchCrc = batchCrc;
    }

    long position() {
        return position;
    }

    long end() {
        return position + length;
    }

    long crcBefore() {
        return crcBefore;
    }

    /** Whether {@link #crcBefore()} is the object's real CRC (false if the store never told us). */
    boolean crcKnown() {
        return crcKnown;
    }

    int length() {
        return length;
    }

    /** CRC-64 of the batch alone. */
    long batchCrc() {
        return batchCrc;
    }

    /** The whole object's CRC if the batch landed at {@link #position()}. */
    long expectedCrc() {
        return checksum.combine(crcBefore, batchCrc, length);
    }

    /** Whether a batch with this length and checksum is (with the checksum's certainty) the same bytes. */
    boolean sameBatch(int otherLength, long otherBatchCrc) {
        return length == otherLength && batchCrc == otherBatchCrc;
    }

    /**
     * Whether {@code reply} acknowledges exactly this append: its next position is {@link #end()}
     * and, when the reply carries a checksum and the CRC before is known, that is {@link #expectedCrc()}.
     */
    boolean acknowledgedBy(AppendReply reply) {
        boolean positionOk = reply.nextPosition() == end();
        boolean crcOk = !reply.hasChecksum() || !crcKnown || reply.checksum() == expectedCrc();
        return positionOk && crcOk;
    }

    /** For a reply that does not acknowledge this append: what it said and what was expected. */
    String mismatch(AppendReply reply) {
        return "next position " + reply.nextPosition() + " and " + checksum.name() + " "
                + Long.toUnsignedString(reply.checksum()) + ", expected " + end() + " and "
                + Long.toUnsignedString(expectedCrc()) + " (request id " + reply.requestId() + ")";
    }

    @Override
    public String toString() {
        return length + " bytes at position " + position;
    }
}
