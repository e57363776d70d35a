package io.github.appendlog.emulator;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of one stored object. Appends and replacement happen under the owning
 * {@link StoredObject}'s lock; reads may run concurrently with appends and only ever see bytes below
 * the length they were given.
 */
interface ObjectData {

    long length();

    /** Adds bytes at the end; O(len). */
    void append(byte[] bytes, int offset, int length) throws IOException;

    /** A stream over {@code [from, from + length)}, which must lie below {@link #length()}. */
    InputStream open(long from, long length) throws IOException;
}
