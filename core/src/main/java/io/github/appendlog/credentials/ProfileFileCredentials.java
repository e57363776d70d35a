package io.github.appendlog.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Credentials from an OSS profile file ({@code ~/.oss/credentials}, INI):
 * <pre>
 * [default]
 * oss_access_key_id = LTAI...
 * oss_secret_access_key = ...
 * oss_session_token = ...      (optional)
 * </pre>
 * The file is read again when its modification time or size changes (checked before each request,
 * a single {@code stat}) and when the store refuses the credentials ({@link #invalidate()}), so a
 * rotated key takes effect on the next retry without a restart. If a later read fails (the file
 * is being rewritten, or lost a key), the credentials read last stay in use.
 */
public final class ProfileFileCredentials implements CredentialsProvider {
    static final String ID = "oss_access_key_id";
    static final String SECRET = "oss_secret_access_key";
    static final String TOKEN = "oss_session_token";

    private final Path file;
    private final String profile;
    private volatile Snapshot current;

    private static final class Snapshot {
        final Credentials credentials;
        final Object modified;
        final long size;

        Snapshot(Credentials credentials, Object modified, long size) {
            this.credentials = credentials;
            this.modified = modified;
            this.size = size;
        }
    }

    private ProfileFileCredentials(Path file, String profile, Snapshot first) {
        this.file = file;
        this.profile = profile;
        this.current = first;
    }

    /**
     * Reads the profile now.
     *
     * @throws IOException when the file cannot be read or lacks the key id or the secret (the
     *         message names the file and the missing entry, never a value)
     */
    public static ProfileFileCredentials load(Path file, String profile) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(profile, "profile");
        return new ProfileFileCredentials(file, profile, read(file, profile));
    }

    /** The {@code [default]} profile of {@code file}. */
    public static ProfileFileCredentials load(Path file) throws IOException {
        return load(file, "default");
    }

    public Path file() {
        return file;
    }

    @Override
    public Credentials credentials() {
        Snapshot s = current;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (!a.lastModifiedTime().equals(s.modified) || a.size() != s.size) {
                reload();
            }
        } catch (IOException e) {
            // The file is gone for now: keep signing with what was read last.
        }
        return current.credentials;
    }

    @Override
    public void invalidate() {
        reload();
    }

    private synchronized void reload() {
        try {
            current = read(file, profile);
        } catch (IOException e) {
            // Half-written or broken: keep the last good credentials; the next request checks again.
        }
    }

    private static Snapshot read(Path file, String profile) throws IOException {
        BasicFileAttributes before;
        List<String> lines;
        try {
            before = Files.readAttributes(file, BasicFileAttributes.class);
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("credentials file " + file + " does not exist");
        } catch (IOException e) {
            throw new IOException("credentials file " + file + " cannot be read: " + e.getClass().getSimpleName(), e);
        }
        Map<String, String> values = section(lines, profile);
        if (values == null) {
            throw new IOException("credentials file " + file + " has no [" + profile + "] section");
        }
        String id = values.get(ID);
        String secret = values.get(SECRET);
        if (id == null || secret == null) {
            throw new IOException("credentials file " + file + " [" + profile + "] lacks "
                    + (id == null ? ID : SECRET));
        }
        return new Snapshot(new Credentials(id, secret, values.get(TOKEN)), before.lastModifiedTime(), before.size());
    }

    /** The non-empty {@code key = value} entries of {@code [profile]}, or null if there is no such section. */
    static Map<String, String> section(List<String> lines, String profile) {
        Map<String, String> values = null;
        boolean inside = false;
        for (String raw : lines) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                inside = line.substring(1, line.length() - 1).trim().equals(profile);
                if (inside && values == null) {
                    values = new HashMap<>();
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (inside && eq > 0) {
                String value = line.substring(eq + 1).trim();
                if (!value.isEmpty()) {
                    values.put(line.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT), value);
                }
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return "ProfileFileCredentials{file=" + file + ", profile=" + profile + ", " + current.credentials + "}";
    }
}
