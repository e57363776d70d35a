package io.github.appendlog.journal;

import java.util.Objects;

/**
 * What the sender was about to append, recorded before the request: the object, the position and
 * the object's checksum there, the body's length and checksum, and the journal entries
 * ({@code firstSeq..lastSeq}, marker lines included) the body holds. An intent with no "landed"
 * record after it is settled at the next start by the store's length and checksum, never re-sent blindly.
 */
public final class AppendIntent {
    private final String key;
    private final long position;
    private final long crcBefore;
    private final boolean crcKnown;
    private final int length;
    private final long bodyCrc;
    private final long firstSeq;
    private final long lastSeq;

    public AppendIntent(String key, long position, long crcBefore, boolean crcKnown, int length, long bodyCrc,
            long firstSeq, long lastSeq) {
        this.key = Objects.requireNonNull(key, "key");
        this.position = position;
        this.crcBefore = crcBefore;
        this.crcKnown = crcKnown;
        this.length = length;
        this.bodyCrc = bodyCrc;
        this.firstSeq = firstSeq;
        this.lastSeq = lastSeq;
    }

    public String key() {
        return key;
    }

    public long position() {
        return position;
    }

    /** The object's checksum at {@link #position()} as the writer knew it. */
    public long crcBefore() {
        return crcBefore;
    }

    public boolean crcKnown() {
        return crcKnown;
    }

    /** Bytes of the body (after compression, if any). */
    public int length() {
        return length;
    }

    /** The store's checksum (OSS: CRC-64) of the body alone. */
    public long bodyCrc() {
        return bodyCrc;
    }

    public long firstSeq() {
        return firstSeq;
    }

    public long lastSeq() {
        return lastSeq;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AppendIntent)) {
            return false;
        }
        AppendIntent i = (AppendIntent) o;
        return key.equals(i.key) && position == i.position && crcBefore == i.crcBefore && crcKnown == i.crcKnown
                && length == i.length && bodyCrc == i.bodyCrc && firstSeq == i.firstSeq && lastSeq == i.lastSeq;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, position, crcBefore, length, bodyCrc, firstSeq, lastSeq);
    }

    @Override
    public String toString() {
        return length + " bytes at position " + position + " of '" + key + "' (entries " + firstSeq + ".." + lastSeq
                + ")";
    }
}
