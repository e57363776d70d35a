package io.github.appendlog.emulator;

import io.github.appendlog.credentials.Credentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A text file of key pairs, one per line: {@code id secret [token [expires-at]]}, fields separated
 * by blanks, {@code expires-at} an ISO-8601 instant ({@code 2026-01-02T03:04:05Z}); {@code #}
 * starts a comment line; blank lines are skipped. {@link #current()} looks at the file's size,
 * modification time and identity (one {@code stat}) and re-reads it when any changed, so a script
 * can rotate keys by rewriting it (best by writing a new file and renaming it over the old one).
 * A file that cannot be read or parsed when it changes leaves the last good keys in force and is
 * reported once on the standard error stream; at start it is an error.
 */
final class CredentialsFile {
    private final Path path;
    private volatile Map<String, Credentials> keys;
    private volatile Object stamp;
    private Object reportedStamp;

    private CredentialsFile(Path path) {
        this.path = path;
    }

    /** Reads the file now; {@link IllegalArgumentException} naming the file and line if it is not valid. */
    static CredentialsFile load(Path path) {
        CredentialsFile file = new CredentialsFile(path);
        try {
            file.stamp = file.stamp();
            file.keys = parse(path, Files.readAllLines(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the credentials file " + path + ": " + e, e);
        }
        return file;
    }

    Path path() {
        return path;
    }

    /** The key pairs by id, re-read first if the file changed. */
    Map<String, Credentials> current() {
        Object now;
        try {
            now = stamp();
        } catch (IOException e) {
            report(e.toString(), "cannot read the credentials file " + path + ": " + e);
            return keys;
        }
        if (!now.equals(stamp)) {
            reload(now);
        }
        return keys;
    }

    private synchronized void reload(Object now) {
        if (now.equals(stamp)) {
            return;
        }
        try {
            keys = parse(path, Files.readAllLines(path, StandardCharsets.UTF_8));
            stamp = now;
        } catch (IOException | UncheckedIOException e) {
            report(now, "cannot read the credentials file " + path + ": " + e);
        } catch (IllegalArgumentException e) {
            // Stamped as read, so a broken version is reported once and not re-parsed at every request.
            stamp = now;
            report(now, e.getMessage() + "; the previous keys stay in force");
        }
    }

    /** Prints a problem once per version of the file (or per distinct read error). */
    private synchronized void report(Object version, String message) {
        if (!Objects.equals(version, reportedStamp)) {
            reportedStamp = version;
            System.err.println("appendlog emulator: " + message);
        }
    }

    private Object stamp() throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        return List.of(a.lastModifiedTime(), a.size(), String.valueOf(a.fileKey()));
    }

    static Map<String, Credentials> parse(Path path, List<String> lines) {
        Map<String, Credentials> keys = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            String where = "credentials file " + path + " line " + (i + 1) + ": ";
            if (f.length < 2 || f.length > 4) {
                throw new IllegalArgumentException(where + "expected 'id secret [token [expires-at]]', found "
                        + f.length + " fields");
            }
            Instant expiresAt = null;
            if (f.length == 4) {
                try {
                    expiresAt = Instant.parse(f[3]);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(where + "expires-at '" + f[3]
                            + "' is not an ISO-8601 instant such as 2026-01-02T03:04:05Z", e);
                }
            }
            keys.put(f[0], new Credentials(f[0], f[1], f.length > 2 ? f[2] : null, expiresAt));
        }
        return Collections.unmodifiableMap(keys);
    }
}
