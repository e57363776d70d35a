package io.github.appendlog.cli;

import io.github.appendlog.store.ObjectInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * {@code tail [-n N] [-f] oss://bucket/key-or-pattern}: the last N lines of the object (of a
 * pattern: of the current period's newest object), then with {@code -f} what is appended
 * ({@link Follower}). A plain object is read backwards from its end until N lines are in hand; a
 * gzip object is decompressed from its start.
 */
final class TailCommand {
    private static final int BACKWARD_CHUNK_BYTES = 64 * 1024;

    private final ReaderStore store;
    private final CommandLine command;
    private final OutputStream out;
    private final Supplier<Instant> clock;

    TailCommand(ReaderStore store, CommandLine command, OutputStream out, Supplier<Instant> clock) {
        this.store = store;
        this.command = command;
        this.out = out;
        this.clock = clock;
    }

    void run() throws CliException {
        KeySuccession succession = KeySuccession.of(command.url.key, clock);
        String key = succession == null ? command.url.key : succession.latest(store);
        if (key == null && !command.follow) {
            throw CliException.failed(store.location(succession.currentKey()) + ": no object of the pattern"
                    + " exists for the current period yet");
        }
        Lines lines = new Lines(command.lines);
        ObjectText text = new ObjectText(lines, true);
        Follower follower = new Follower(store, succession, lines, out);
        long position = 0;
        try {
            if (key != null) {
                position = readEnd(key, store.existing(key), text, follower);
            }
            if (!command.follow) {
                text.end();
                lines.release(out, true);
                return;
            }
            lines.release(out, false);
        } catch (IOException e) {
            throw CliException.failed(store.location(key) + ": " + e.getMessage());
        }
        follower.follow(key, position, text);
    }

    /** Feeds the object's end (enough for N lines) into {@code text}; returns the object's length. */
    private long readEnd(String key, ObjectInfo info, ObjectText text, Follower follower)
            throws CliException, IOException {
        long length = info.length();
        if (length == 0) {
            return 0;
        }
        byte[] head = store.read(key, 0, Math.min(1, length - 1));
        boolean gzip = head.length == 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b;
        if (gzip) {
            return follower.read(key, 0, length, text);
        }
        text.plain();
        long start = length;
        byte[] end = new byte[0];
        int chunk = BACKWARD_CHUNK_BYTES;
        while (start > 0 && newlines(end) < command.lines) {
            long from = Math.max(0, start - chunk);
            byte[] before = store.read(key, from, start - 1);
            byte[] joined = Arrays.copyOf(before, before.length + end.length);
            System.arraycopy(end, 0, joined, before.length, end.length);
            end = joined;
            start = from;
            chunk = Math.min(chunk * 2, 8 * 1024 * 1024);
        }
        text.feed(end);
        return length;
    }

    /** The {@code \n}s that end a line followed by another (the object's last byte not counted). */
    private static int newlines(byte[] bytes) {
        int n = 0;
        for (int i = 0; i < bytes.length - 1; i++) {
            if (bytes[i] == '\n') {
                n++;
            }
        }
        return n;
    }
}
