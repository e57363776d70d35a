package io.github.appendlog.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Entries with recognisable bytes, writing and reading them through a journal, and copying a journal's files. */
final class JournalFixture {
    private JournalFixture() {
    }

    /** Entry number {@code n} of {@code size} bytes: "n:" then filler derived from n (cut to size). */
    static byte[] entry(long n, int size) {
        byte[] b = new byte[size];
        byte[] head = (n + ":").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < size; i++) {
            b[i] = i < head.length ? head[i] : (byte) ('a' + (n * 7 + i) % 26);
        }
        return b;
    }

    /** A marker line entry. */
    static byte[] marker(long n) {
        return ("[appendlog] dropped " + n + " events").getBytes(StandardCharsets.US_ASCII);
    }

    /** Adds an entry to the frame being built, writing the frame first when it is full. */
    static void add(Journal j, byte[] bytes, boolean marker) throws IOException {
        int at = j.addToFrame(bytes.length, marker);
        if (at < 0) {
            assertEquals(0, j.writeFrame());
            at = j.addToFrame(bytes.length, marker);
        }
        assertTrue(at >= 0);
        System.arraycopy(bytes, 0, j.frameArray(), at, bytes.length);
    }

    /** Writes the entries as one or more frames (events only). */
    static void write(Journal j, List<byte[]> entries) throws IOException {
        for (byte[] e : entries) {
            add(j, e, false);
        }
        assertEquals(0, j.writeFrame());
    }

    static List<byte[]> entries(long from, int count, int size) {
        List<byte[]> list = new ArrayList<>();
        for (long n = from; n < from + count; n++) {
            list.add(entry(n, size));
        }
        return list;
    }

    /** Takes every entry written so far. */
    static List<byte[]> readAll(Journal j) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (int len = j.nextLength(); len >= 0; len = j.nextLength()) {
            byte[] b = new byte[len];
            j.takeNext(b, 0);
            out.add(b);
        }
        return out;
    }

    static void assertEntries(List<byte[]> expected, List<byte[]> actual) {
        assertEquals(expected.size(), actual.size(), "entries read");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "entry " + i);
        }
    }

    static List<Path> segmentFiles(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, FrameFormat.SEGMENT_PREFIX + "*")) {
            for (Path p : files) {
                out.add(p);
            }
        }
        out.sort(null);
        return out;
    }

    static long filesBytes(Path dir) throws IOException {
        long sum = Files.size(dir.resolve(AppendRecords.FILE));
        for (Path p : segmentFiles(dir)) {
            sum += Files.size(p);
        }
        return sum;
    }

    /** Copies the journal's files (not the lock, not corrupt/) to a fresh directory. */
    static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(from)) {
            for (Path p : files) {
                if (Files.isRegularFile(p) && !p.getFileName().toString().equals(DirectoryLock.FILE)) {
                    Files.copy(p, to.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Counts what the journal reports lost while running. */
    static final class Losses implements JournalListener {
        long events;
        final List<String> reasons = new ArrayList<>();

        @Override
        public synchronized void lost(long n, String reason) {
            events += n;
            reasons.add(n + ": " + reason);
        }
    }
}
