package io.github.appendlog.emulator;

import io.github.appendlog.oss.Crc64;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Stores each object of bucket {@code b} under {@code <dir>/<b>/}: its bytes in a file named after
 * its key ({@code <dir>/<b>/logs/app.log} for key {@code logs/app.log}), so {@code tail -f} follows
 * an object being appended to, and its metadata in {@code .appendlog/<id>.meta} (key, type, data
 * file, headers and a length/CRC checkpoint, as properties), where {@code id} is the SHA-256 of the
 * key. A key that cannot be a relative file path ({@code ..}, empty segments, a trailing {@code /},
 * a first segment {@code .appendlog}, a name taken by a directory or a file of another key) keeps its
 * bytes in {@code .appendlog/<id>.data}. Directories of an earlier layout ({@code <id>.meta} and
 * {@code <id>.data} in the bucket's directory) are still read.
 *
 * <p>Appends only write the data file. The metadata is rewritten when an object is created or
 * replaced and when the emulator closes; on start the data file's size is the object's length and
 * the CRC is continued from the checkpoint over any bytes appended after it, so even an emulator
 * that was killed restarts with the right length and CRC. A replacement is written to a temporary
 * file in {@code .appendlog} and moved over the old data file.
 */
final class DirectoryBackend implements StorageBackend {
    static final String OWN_DIRECTORY = ".appendlog";
    private static final String DATA = ".data";
    private static final String META = ".meta";
    private static final String HEADER_PREFIX = "header.";

    private final Path root;

    DirectoryBackend(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    private Path bucketDir(String bucket) throws IOException {
        return Files.createDirectories(root.resolve(bucket));
    }

    private Path own(String bucket, String key, String suffix) throws IOException {
        return Files.createDirectories(bucketDir(bucket).resolve(OWN_DIRECTORY)).resolve(fileId(key) + suffix);
    }

    /** The file named after {@code key}, or null when the key cannot be a relative file path. */
    private Path named(String bucket, String key) throws IOException {
        String[] segments = key.split("/", -1);
        if (segments[0].equals(OWN_DIRECTORY) || key.indexOf('\\') >= 0 || key.indexOf('\0') >= 0) {
            return null;
        }
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return null;
            }
        }
        Path dir = bucketDir(bucket);
        Path file = dir.resolve(key).normalize();
        return file.startsWith(dir) && !file.equals(dir) ? file : null;
    }

    /** Where the object's bytes are now: its own-directory file if that exists, else the file named after the key. */
    private Path dataFile(String bucket, String key) throws IOException {
        Path hashed = own(bucket, key, DATA);
        Path named = named(bucket, key);
        return named == null || Files.exists(hashed) ? hashed : named;
    }

    private ObjectData create(String bucket, String key, byte[] content) throws IOException {
        Path hashed = own(bucket, key, DATA);
        Path tmp = own(bucket, key, ".tmp");
        Path named = named(bucket, key);
        if (named != null && !Files.isDirectory(named)) {
            try {
                Files.createDirectories(named.getParent());
                ObjectData data = FileObjectData.write(named, tmp, content);
                Files.deleteIfExists(hashed);
                return data;
            } catch (FileSystemException e) {
                // a parent is a file of another key: this key's bytes go to the own directory
                Files.deleteIfExists(tmp);
            }
        }
        return FileObjectData.write(hashed, tmp, content);
    }

    @Override
    public ObjectData createEmpty(String bucket, String key) throws IOException {
        return create(bucket, key, new byte[0]);
    }

    @Override
    public ObjectData createWith(String bucket, String key, byte[] content) throws IOException {
        return create(bucket, key, content);
    }

    @Override
    public void saveMetadata(String bucket, ObjectSnapshot object) throws IOException {
        Properties p = new Properties();
        p.setProperty("key", object.key());
        p.setProperty("type", object.type().wireName());
        p.setProperty("length", Long.toString(object.length()));
        p.setProperty("crc64", Long.toUnsignedString(object.crc64()));
        p.setProperty("etag", object.etag());
        p.setProperty("lastModified", Long.toString(object.lastModifiedMillis()));
        p.setProperty("file", bucketDir(bucket).relativize(dataFile(bucket, object.key())).toString());
        for (Map.Entry<String, String> h : object.headers().asMap().entrySet()) {
            p.setProperty(HEADER_PREFIX + h.getKey(), h.getValue());
        }
        Path meta = own(bucket, object.key(), META);
        Path tmp = meta.resolveSibling(meta.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(new OutputStreamWriter(out, StandardCharsets.UTF_8), null);
        }
        Files.move(tmp, meta, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void delete(String bucket, String key) throws IOException {
        Files.deleteIfExists(own(bucket, key, META));
        Path named = named(bucket, key);
        if (named != null && Files.isRegularFile(named) && !Files.exists(own(bucket, key, DATA))) {
            Files.delete(named);
        }
        Files.deleteIfExists(own(bucket, key, DATA));
        Files.deleteIfExists(bucketDir(bucket).resolve(fileId(key) + META)); // an earlier layout's
        Files.deleteIfExists(bucketDir(bucket).resolve(fileId(key) + DATA));
    }

    @Override
    public void load(String bucket, ObjectSink sink) throws IOException {
        Path dir = bucketDir(bucket);
        for (Path metaDir : new Path[] {dir, Files.createDirectories(dir.resolve(OWN_DIRECTORY))}) {
            try (DirectoryStream<Path> metas = Files.newDirectoryStream(metaDir, "*" + META)) {
                for (Path meta : metas) {
                    String name = meta.getFileName().toString();
                    Path hashed = meta.resolveSibling(name.substring(0, name.length() - META.length()) + DATA);
                    restore(dir, meta, hashed, sink);
                }
            }
        }
    }

    private static void restore(Path bucketDir, Path meta, Path hashed, ObjectSink sink) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Path dataFile = p.getProperty("file") == null ? hashed : bucketDir.resolve(p.getProperty("file"));
        if (!Files.isRegularFile(dataFile)) {
            return; // created, then killed before its data was written: not an object
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith(HEADER_PREFIX)) {
                headers.put(name.substring(HEADER_PREFIX.length()), p.getProperty(name));
            }
        }
        FileObjectData data = FileObjectData.existing(dataFile);
        long checkpointLength = Long.parseLong(p.getProperty("length"));
        long crc = Long.parseUnsignedLong(p.getProperty("crc64"));
        if (data.length() != checkpointLength) {
            long from = data.length() > checkpointLength ? checkpointLength : 0;
            crc = continueCrc(from == 0 ? 0 : crc, data, from);
        }
        sink.restored(p.getProperty("key"), ObjectType.fromWireName(p.getProperty("type")), data, crc,
                p.getProperty("etag"), new ObjectHeaders(headers), Long.parseLong(p.getProperty("lastModified")));
    }

    private static long continueCrc(long crc, ObjectData data, long from) throws IOException {
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = data.open(from, data.length() - from)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                crc = Crc64.update(crc, buf, 0, n);
            }
        }
        return crc;
    }

    private static String fileId(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(64);
            for (byte b : d) {
                sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
