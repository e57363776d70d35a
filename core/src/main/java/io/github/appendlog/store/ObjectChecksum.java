package io.github.appendlog.store;

/**
 * The whole-object checksum a store reports after an append and on HEAD, as the writer computes it
 * to verify replies and to prove whether an append landed. It must be combinable: the checksum of
 * {@code A+B} follows from those of {@code A} and {@code B} and the length of {@code B}. The empty
 * object's checksum is 0. Values are unsigned, held in a long.
 */
public interface ObjectChecksum {

    /** The checksum of {@code data[offset, offset+length)} alone. */
    long compute(byte[] data, int offset, int length);

    /** The checksum of {@code A+B} from {@code checksum(A)}, {@code checksum(B)} and {@code B}'s length. */
    long combine(long checksumA, long checksumB, long lengthB);

    /** Its name for messages, e.g. {@code CRC-64}. */
    String name();
}
