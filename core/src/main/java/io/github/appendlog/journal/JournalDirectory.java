package io.github.appendlog.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Directory-level steps: forcing a directory (so a created or renamed file survives a host crash)
 * and moving a bad file aside into {@code corrupt/}, where at most {@link #KEEP_CORRUPT} files are
 * kept (the oldest moved is deleted first; names start with the moment they were moved).
 */
final class JournalDirectory {
    static final String CORRUPT = "corrupt";
    static final int KEEP_CORRUPT = 4;

    private JournalDirectory() {
    }

    /** Forces the directory's entries to the disk where the platform allows it (not on Windows). */
    static void force(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            // not supported here (Windows): the file system orders it on its own
        }
    }

    /**
     * Moves {@code file} to {@code corrupt/} (deleting it when that fails) and returns where it
     * went, as a phrase for a problem message.
     */
    static String moveAside(Path dir, Path file) {
        Path corrupt = dir.resolve(CORRUPT);
        try {
            Files.createDirectories(corrupt);
            Path target = corrupt.resolve(System.currentTimeMillis() + "-" + file.getFileName());
            for (int i = 1; Files.exists(target); i++) {
                target = corrupt.resolve(System.currentTimeMillis() + "-" + i + "-" + file.getFileName());
            }
            Files.move(file, target);
            prune(corrupt);
            return "moved to " + CORRUPT + "/" + target.getFileName();
        } catch (IOException e) {
            try {
                Files.deleteIfExists(file);
                return "deleted (it could not be moved to " + CORRUPT + "/: " + e.getMessage() + ")";
            } catch (IOException e2) {
                return "left in place (it could be neither moved to " + CORRUPT + "/ nor deleted: " + e2.getMessage()
                        + ")";
            }
        }
    }

    private static void prune(Path corrupt) throws IOException {
        List<Path> kept = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(corrupt)) {
            for (Path p : files) {
                kept.add(p);
            }
        }
        if (kept.size() <= KEEP_CORRUPT) {
            return;
        }
        Collections.sort(kept, (a, b) -> movedAt(a) != movedAt(b) ? Long.compare(movedAt(a), movedAt(b))
                : a.getFileName().toString().compareTo(b.getFileName().toString()));
        for (int i = 0; i < kept.size() - KEEP_CORRUPT; i++) {
            Files.deleteIfExists(kept.get(i));
        }
    }

    private static long movedAt(Path p) {
        String name = p.getFileName().toString();
        int dash = name.indexOf('-');
        try {
            return dash > 0 ? Long.parseLong(name.substring(0, dash)) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
