package io.github.appendlog.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Object bytes in a file. A replacement is written to a temporary file and moved over the old one,
 * so a reader that already opened the old file keeps reading the old bytes.
 */
final class FileObjectData implements ObjectData {
    private final Path file;
    private volatile long length;

    private FileObjectData(Path file, long length) {
        this.file = file;
        this.length = length;
    }

    /** An existing data file; its size on disk is the object's length. */
    static FileObjectData existing(Path file) throws IOException {
        return new FileObjectData(file, Files.size(file));
    }

    /**
     * Writes {@code content} as the whole file, atomically replacing any previous one: written to
     * {@code tmp} (on the same file system), then moved over {@code file}.
     */
    static FileObjectData write(Path file, Path tmp, byte[] content) throws IOException {
        Files.write(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new FileObjectData(file, content.length);
    }

    Path file() {
        return file;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void append(byte[] bytes, int offset, int count) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes, offset, count);
            long at = length;
            while (buf.hasRemaining()) {
                at += ch.write(buf, at);
            }
        }
        length += count;
    }

    @Override
    public InputStream open(long from, long count) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        ch.position(from);
        InputStream in = Channels.newInputStream(ch);
        return new InputStream() {
            private long remaining = count;

            @Override
            public int read() throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b >= 0) {
                    remaining--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n > 0) {
                    remaining -= n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
