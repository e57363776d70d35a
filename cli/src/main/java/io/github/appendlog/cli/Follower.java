package io.github.appendlog.cli;

import io.github.appendlog.store.ObjectInfo;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code tail -f}: follows an object as it grows, by a HEAD for its length and ranged GETs from the
 * length read last, waiting between polls with a backoff (200 ms doubling to 2 s, back to 200 ms when
 * data arrives). Given a {@link KeySuccession}, when the next object of the pattern appears it reads
 * what was appended to the current one before it, then moves on; so every line is printed once and
 * in order. Runs until its thread is interrupted.
 */
final class Follower {
    static final long MIN_WAIT_MILLIS = 200;
    static final long MAX_WAIT_MILLIS = 2000;
    private static final long CHUNK_BYTES = 4L * 1024 * 1024;

    private final ReaderStore store;
    private final KeySuccession succession;
    private final Lines lines;
    private final OutputStream out;

    Follower(ReaderStore store, KeySuccession succession, Lines lines, OutputStream out) {
        this.store = store;
        this.succession = succession;
        this.lines = lines;
        this.out = out;
    }

    /**
     * Follows {@code key} from {@code position} (null key: waits for the pattern's first object),
     * feeding {@code text}, which has read the bytes before {@code position}.
     */
    void follow(String key, long position, ObjectText text) throws CliException {
        long waitMillis = MIN_WAIT_MILLIS;
        while (!Thread.currentThread().isInterrupted()) {
            if (key == null) {
                key = succession.next(store);
                position = 0;
                text = new ObjectText(lines, true);
            }
            if (key != null) {
                long length = length(key, position);
                if (length > position) {
                    position = read(key, position, length, text);
                    waitMillis = MIN_WAIT_MILLIS;
                    continue;
                }
                String next = succession == null ? null : succession.next(store);
                if (next != null) {
                    position = read(key, position, length(key, position), text); // appended before the rollover
                    end(key, text);
                    key = next;
                    position = 0;
                    text = new ObjectText(lines, true);
                    waitMillis = MIN_WAIT_MILLIS;
                    continue;
                }
            }
            try {
                Thread.sleep(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            waitMillis = Math.min(waitMillis * 2, MAX_WAIT_MILLIS);
        }
    }

    /** The object's length; a deleted one of a pattern counts as not grown (the next one is looked for). */
    private long length(String key, long position) throws CliException {
        ObjectInfo info = store.head(key);
        if (info == null) {
            if (succession == null) {
                throw CliException.failed(store.location(key) + ": the object was deleted while being followed");
            }
            return position;
        }
        if (info.length() < position) {
            throw CliException.failed(store.location(key) + " is now " + info.length() + " bytes, fewer than the "
                    + position + " already read: it was replaced, not appended to");
        }
        return info.length();
    }

    /** Reads {@code [position, length)} into {@code text}; returns the new position. */
    long read(String key, long position, long length, ObjectText text) throws CliException {
        while (position < length) {
            byte[] bytes = store.read(key, position, Math.min(length, position + CHUNK_BYTES) - 1);
            if (bytes.length == 0) {
                break;
            }
            try {
                text.feed(bytes);
                out.flush();
            } catch (IOException e) {
                throw CliException.failed(store.location(key) + ": " + e.getMessage());
            }
            position += bytes.length;
        }
        return position;
    }

    private void end(String key, ObjectText text) throws CliException {
        try {
            text.end();
            lines.endOfObject();
            out.flush();
        } catch (IOException e) {
            throw CliException.failed(store.location(key) + ": " + e.getMessage());
        }
    }
}
