package io.github.appendlog.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One process per journal directory: an exclusive {@link FileLock} on {@code <directory>/lock},
 * which the OS releases when the process dies (so a directory left by a killed process is taken
 * over at once). The lock file holds the owner's pid, for the message another process gets.
 *
 * <p>Within one JVM the directories held are also kept in a set and checked before the lock file is
 * touched: on POSIX systems closing any channel to a locked file drops the process's lock on it, so
 * a second open in the same process must not open and close the lock file.
 */
final class DirectoryLock {
    static final String FILE = "lock";
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    /** Channels that must stay open: closing them would drop a lock another class loader holds. */
    private static final List<FileChannel> KEPT_OPEN = new ArrayList<>();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    static DirectoryLock acquire(Path dir) throws IOException {
        Path key = dir.toRealPath();
        if (!HELD.add(key)) {
            throw inThisProcess(dir);
        }
        Path file = dir.resolve(FILE);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            HELD.remove(key);
            throw new IOException("cannot open the journal's lock file " + file + ": " + e
                    + "; check that journalDirectory is writable", e);
        }
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            synchronized (KEPT_OPEN) {
                KEPT_OPEN.add(ch);
            }
            HELD.remove(key);
            throw inThisProcess(dir);
        } catch (IOException e) {
            SegmentWriter.closeQuietly(ch);
            HELD.remove(key);
            throw new IOException("cannot lock the journal's lock file " + file + ": " + e, e);
        }
        if (lock == null) {
            String holder = holder(ch);
            SegmentWriter.closeQuietly(ch);
            HELD.remove(key);
            throw new JournalLockedException("the journal directory " + dir + " is in use by another process"
                    + holder + ", which holds the lock on " + file + "; give each application its own"
                    + " journalDirectory (the directory is taken over once that process ends)");
        }
        try {
            byte[] pid = ("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(pid), 0);
        } catch (IOException | UnsupportedOperationException e) {
            // the pid is for messages only
        }
        return new DirectoryLock(key, ch, lock);
    }

    private static JournalLockedException inThisProcess(Path dir) {
        return new JournalLockedException("the journal directory " + dir + " is already open in this process: two"
                + " appenders with the same name and journalDirectory? Give each its own name or journalDirectory");
    }

    private static String holder(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(64);
            ch.read(b, 0);
            String text = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim();
            return text.startsWith("pid ") ? " (" + text + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    void release() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it too
        }
        SegmentWriter.closeQuietly(channel);
        HELD.remove(key);
    }
}
