package io.github.appendlog.emulator;

import io.github.appendlog.oss.Crc64;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Stores each object of bucket {@code b} as two files in {@code <dir>/<b>/}: {@code <id>.data}
 * (the bytes) and {@code <id>.meta} (key, type, headers and a length/CRC checkpoint, as
 * properties), where {@code id} is the SHA-256 of the key, so any key maps to a safe file name.
 *
 * <p>Appends only write the data file. The metadata is rewritten when an object is created or
 * replaced and when the emulator closes; on start the data file's size is the object's length and
 * the CRC is continued from the checkpoint over any bytes appended after it, so even an emulator
 * that was killed restarts with the right length and CRC.
 */
final class DirectoryBackend implements StorageBackend {
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

    private Path file(String bucket, String key, String suffix) throws IOException {
        return bucketDir(bucket).resolve(fileId(key) + suffix);
    }

    @Override
    public ObjectData createEmpty(String bucket, String key) throws IOException {
        return FileObjectData.write(file(bucket, key, DATA), new byte[0]);
    }

    @Override
    public ObjectData createWith(String bucket, String key, byte[] content) throws IOException {
        return FileObjectData.write(file(bucket, key, DATA), content);
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
        for (Map.Entry<String, String> h : object.headers().asMap().entrySet()) {
            p.setProperty(HEADER_PREFIX + h.getKey(), h.getValue());
        }
        Path meta = file(bucket, object.key(), META);
        Path tmp = meta.resolveSibling(meta.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(new OutputStreamWriter(out, StandardCharsets.UTF_8), null);
        }
        Files.move(tmp, meta, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void delete(String bucket, String key) throws IOException {
        Files.deleteIfExists(file(bucket, key, META));
        Files.deleteIfExists(file(bucket, key, DATA));
    }

    @Override
    public void load(String bucket, ObjectSink sink) throws IOException {
        try (DirectoryStream<Path> metas = Files.newDirectoryStream(bucketDir(bucket), "*" + META)) {
            for (Path meta : metas) {
                String name = meta.getFileName().toString();
                Path data = meta.resolveSibling(name.substring(0, name.length() - META.length()) + DATA);
                if (Files.exists(data)) {
                    restore(meta, data, sink);
                }
            }
        }
    }

    private static void restore(Path meta, Path dataFile, ObjectSink sink) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            p.load(r);
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
