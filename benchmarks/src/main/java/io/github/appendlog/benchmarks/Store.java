package io.github.appendlog.benchmarks;

import io.github.appendlog.emulator.OssEmulator;
import io.github.appendlog.emulator.Operation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The store every appendlog benchmark appends to: the emulator, in process, on 127.0.0.1, keeping
 * objects in a temporary directory (a saturated run appends gigabytes; the heap could not hold them),
 * deleted on close, or in memory. Sets {@code bench.endpoint} for the XML files.
 */
public final class Store implements AutoCloseable {
    public static final String BUCKET = "logs";
    public static final String ACCESS_KEY_ID = "bench-id";
    public static final String ACCESS_KEY_SECRET = "bench-secret";
    public static final String REGION = "cn-hangzhou";

    private final OssEmulator emulator;
    private final Path directory;
    private boolean closed;

    private Store(OssEmulator emulator, Path directory) {
        this.emulator = emulator;
        this.directory = directory;
    }

    public static Store start() {
        try {
            return start(Files.createTempDirectory("appendlog-bench-store"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A store keeping its objects in memory (the caller deletes what it no longer needs,
     * {@link #deleteObjects}): nothing it stores is written to the local disk, as with a remote store.
     */
    public static Store startInMemory() {
        return start(null);
    }

    private static Store start(Path directory) {
        OssEmulator.Builder builder = OssEmulator.builder()
                .port(0)
                .bucket(BUCKET)
                .credentials(ACCESS_KEY_ID, ACCESS_KEY_SECRET)
                .region(REGION);
        OssEmulator emulator = (directory == null ? builder : builder.dataDirectory(directory)).start();
        BenchProperties.setDefaults();
        System.setProperty(BenchProperties.ENDPOINT, emulator.endpoint());
        return new Store(emulator, directory);
    }

    /** Deletes the objects whose key starts with {@code prefix}. */
    public void deleteObjects(String prefix) {
        for (String key : emulator.objectKeys(BUCKET, prefix)) {
            emulator.deleteObject(BUCKET, key);
        }
    }

    public OssEmulator emulator() {
        return emulator;
    }

    public String endpoint() {
        return emulator.endpoint();
    }

    /** Appends received so far. */
    public long appends() {
        return emulator.requestCount(Operation.APPEND);
    }

    /** Total bytes of the objects whose key starts with {@code prefix}, and their line count. */
    public long[] bytesAndLines(String prefix) {
        long bytes = 0;
        long lines = 0;
        for (String key : emulator.objectKeys(BUCKET, prefix)) {
            byte[] data = emulator.objectBytes(BUCKET, key);
            bytes += data.length;
            for (byte b : data) {
                if (b == '\n') {
                    lines++;
                }
            }
        }
        return new long[] {bytes, lines};
    }

    /**
     * For objects of gzip members: total stored bytes of the objects whose key starts with
     * {@code prefix}, then the bytes and lines of the text they decompress to (all members).
     */
    public long[] storedTextAndLines(String prefix) {
        long stored = 0;
        long text = 0;
        long lines = 0;
        byte[] chunk = new byte[64 * 1024];
        for (String key : emulator.objectKeys(BUCKET, prefix)) {
            byte[] data = emulator.objectBytes(BUCKET, key);
            stored += data.length;
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data), chunk.length)) {
                for (int n; (n = in.read(chunk)) > 0; ) {
                    text += n;
                    for (int i = 0; i < n; i++) {
                        if (chunk[i] == '\n') {
                            lines++;
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("object " + key + " is not a gzip stream", e);
            }
        }
        return new long[] {stored, text, lines};
    }

    /** Stops the server (the store is "down" from now on); the data stays until {@link #close}. */
    public void stopServer() {
        if (!closed) {
            closed = true;
            emulator.close();
        }
    }

    @Override
    public void close() {
        stopServer();
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
