package io.github.appendlog.cli;

import java.io.IOException;
import java.io.OutputStream;

/** {@code cat oss://bucket/key}: the object's text, read in ranged GETs; gzip members decompressed. */
final class CatCommand {
    private static final long CHUNK_BYTES = 4L * 1024 * 1024;

    private final ReaderStore store;
    private final String key;
    private final OutputStream out;

    CatCommand(ReaderStore store, String key, OutputStream out) {
        this.store = store;
        this.key = key;
        this.out = out;
    }

    void run() throws CliException {
        long length = store.existing(key).length();
        ObjectText text = new ObjectText(out, false);
        try {
            for (long position = 0; position < length; ) {
                byte[] bytes = store.read(key, position, Math.min(length, position + CHUNK_BYTES) - 1);
                if (bytes.length == 0) {
                    break;
                }
                text.feed(bytes);
                position += bytes.length;
            }
            text.end();
        } catch (IOException e) {
            throw CliException.failed(store.location(key) + ": " + e.getMessage());
        }
    }
}
