package io.github.appendlog.buffer;

import io.github.appendlog.buffer.EventBuffer;

/**
 * One append's worth of whole events, built into a reusable array that grows (doubling, up to
 * {@code maxBatchBytes}) only as far as traffic needs, so a quiet appender holds little memory and a
 * busy one makes no garbage per batch. An event is never split across batches.
 */
public final class Batch {
    private static final int INITIAL_BYTES = 64 * 1024;

    private final int maxBytes;
    private byte[] bytes;
    private int length;
    private int events;

    public Batch(int maxBytes) {
        this.maxBytes = maxBytes;
        this.bytes = new byte[Math.min(INITIAL_BYTES, maxBytes)];
    }

    /** Whether {@code eventBytes} more fit; an empty batch takes any event up to its maximum. */
    public boolean fits(int eventBytes) {
        return length + eventBytes <= maxBytes;
    }

    /** Appends a whole event; the caller checked {@link #fits}. */
    void add(byte[] event) {
        if (!fits(event.length)) {
            throw new IllegalStateException("event of " + event.length + " bytes does not fit: " + this);
        }
        ensureCapacity(length + event.length);
        System.arraycopy(event, 0, bytes, length, event.length);
        length += event.length;
        events++;
    }

    /** Moves the buffer's next event, of {@code length} bytes, into this batch; the caller checked {@link #fits}. */
    void addFrom(EventBuffer buffer, int length) {
        if (!fits(length)) {
            throw new IllegalStateException("event of " + length + " bytes does not fit: " + this);
        }
        ensureCapacity(this.length + length);
        buffer.takeInto(length, bytes, this.length);
        this.length += length;
        events++;
    }

    /**
     * Makes room for an entry of {@code length} bytes at the end and returns where in {@link #array()}
     * the caller copies it (the caller checked {@link #fits}); {@code counted}: an event, not a marker line.
     */
    public int reserve(int length, boolean counted) {
        if (!fits(length)) {
            throw new IllegalStateException("entry of " + length + " bytes does not fit: " + this);
        }
        ensureCapacity(this.length + length);
        int at = this.length;
        this.length += length;
        if (counted) {
            events++;
        }
        return at;
    }

    /** Appends bytes that are not a counted event (the drop marker line). */
    public void addUncounted(byte[] line) {
        add(line);
        events--;
    }

    private void ensureCapacity(int needed) {
        if (needed > bytes.length) {
            int size = bytes.length;
            while (size < needed) {
                size = (int) Math.min((long) size * 2, maxBytes);
            }
            byte[] grown = new byte[size];
            System.arraycopy(bytes, 0, grown, 0, length);
            bytes = grown;
        }
    }

    /** The backing array; bytes {@code [0, length())} are the batch. */
    public byte[] array() {
        return bytes;
    }

    public int length() {
        return length;
    }

    /** Events in the batch (marker lines not counted). */
    public int events() {
        return events;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    public void clear() {
        length = 0;
        events = 0;
    }

    @Override
    public String toString() {
        return "Batch{length=" + length + ", events=" + events + ", maxBytes=" + maxBytes + "}";
    }
}
