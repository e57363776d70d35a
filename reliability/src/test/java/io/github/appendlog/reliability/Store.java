package io.github.appendlog.reliability;

import static org.awaitility.Awaitility.await;

import io.github.appendlog.emulator.OssEmulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The emulator the suite logs into, with STS credentials (so both the secret and the token are in
 * play in every test), and the settings an app needs to reach it. Can be stopped and restarted on
 * the same port (with a data directory, the objects survive).
 */
final class Store implements AutoCloseable, BeforeEachCallback, AfterEachCallback {
    static final String BUCKET = "logs";
    static final String REGION = "cn-hangzhou";
    static final String ACCESS_KEY_ID = "rel-id";
    static final String ACCESS_KEY_SECRET = "rel-secret-Zq9wXv-never-shown";
    static final String SECURITY_TOKEN = "rel-token-Kx7pQm-never-shown";

    private final UnaryOperator<OssEmulator.Builder> options;
    private volatile OssEmulator emu;
    private int port;

    private Store(UnaryOperator<OssEmulator.Builder> options) {
        this.options = options;
    }

    static Store start() {
        return start(b -> b);
    }

    /** Starts an emulator with the suite's bucket and credentials plus {@code options}. */
    static Store start(UnaryOperator<OssEmulator.Builder> options) {
        Store s = new Store(options);
        s.startServing();
        return s;
    }

    /**
     * For {@code @RegisterExtension}: a store with the suite's bucket and credentials that starts
     * before each test and is closed after it.
     */
    static Store perTest() {
        return new Store(b -> b);
    }

    private void startServing() {
        emu = builder(0).start();
        port = emu.port();
    }

    @Override
    public void beforeEach(ExtensionContext test) {
        startServing();
    }

    @Override
    public void afterEach(ExtensionContext test) {
        close();
    }

    /** Starts an emulator with its objects in {@code directory}, so that a restart keeps them. */
    static Store startWithDirectory(Path directory) {
        return start(b -> b.dataDirectory(directory));
    }

    private OssEmulator.Builder builder(int port) {
        return options.apply(OssEmulator.builder().port(port).bucket(BUCKET)
                .credentials(ACCESS_KEY_ID, ACCESS_KEY_SECRET, SECURITY_TOKEN).region(REGION));
    }

    OssEmulator emu() {
        return emu;
    }

    /** Stops serving; connections are cut (an outage). */
    void stop() {
        emu.close();
    }

    /** Starts again on the same port (the objects survive with a data directory). */
    void restart() {
        emu = builder(port).start();
    }

    /** The settings an app needs to reach this store; callers add objectKey and their own. */
    Map<String, String> settings(String objectKey) {
        Map<String, String> s = settingsWithoutCredentials(objectKey);
        s.put("accessKeyId", ACCESS_KEY_ID);
        s.put("accessKeySecret", ACCESS_KEY_SECRET);
        s.put("securityToken", SECURITY_TOKEN);
        return s;
    }

    /** Where to log (endpoint, region, bucket, object key) and nothing about credentials: the chain finds them. */
    Map<String, String> settingsWithoutCredentials(String objectKey) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("endpoint", emu.endpoint());
        s.put("region", REGION);
        s.put("bucket", BUCKET);
        s.put("objectKey", objectKey);
        return s;
    }

    /** Every object whose key starts with {@code prefix}, in index order ({@code -2} before {@code -10}), concatenated. */
    byte[] bytes(String prefix) {
        return bytes(BUCKET, prefix);
    }

    private List<String> sortedKeys(String bucket, String prefix) {
        return emu.objectKeys(bucket, prefix).stream()
                .sorted(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()))
                .collect(Collectors.toList());
    }

    byte[] bytes(String bucket, String prefix) {
        List<String> keys = sortedKeys(bucket, prefix);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String key : keys) {
            byte[] b = emu.objectBytes(bucket, key);
            if (b != null) {
                all.write(b, 0, b.length);
            }
        }
        return all.toByteArray();
    }

    /**
     * As {@link #bytes(String)}, each object decompressed first with {@code compression=gzip} (every
     * object must then be a whole multi-member gzip stream), as {@code gzip -dc} would read it.
     */
    byte[] text(String prefix, String compression) {
        if (!"gzip".equals(compression)) {
            return bytes(prefix);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String key : sortedKeys(BUCKET, prefix)) {
            byte[] b = emu.objectBytes(BUCKET, key);
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) {
                in.transferTo(all);
            } catch (IOException e) {
                throw new UncheckedIOException("object " + key + " is not a whole gzip stream", e);
            }
        }
        return all.toByteArray();
    }

    /** Waits (at most 10 s) until exactly one object, the first, has the key prefix {@code prefix}. */
    void awaitFirstObject(String prefix) {
        await().atMost(Duration.ofSeconds(10)).until(() -> keys(prefix).size() == 1);
    }

    /**
     * Waits (at most 10 s) until every line {@code work} has logged so far is under {@code prefix}:
     * then no append is in flight, and a store stopped now fails only the appends that come after.
     */
    void awaitLanded(String prefix, Workload work) {
        await().atMost(Duration.ofSeconds(10)).until(() -> LineCheck.of(bytes(prefix), work.expected()).missing == 0);
    }

    /** As {@link #awaitLanded(String, Workload)} for several workloads, reading as {@link #text} does. */
    void awaitLanded(String prefix, String compression, Workload... works) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> LineCheck.of(text(prefix, compression), Workload.expected(works)).missing == 0);
    }

    List<String> keys(String prefix) {
        return emu.objectKeys(BUCKET, prefix).stream()
                .sorted(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()))
                .collect(Collectors.toList());
    }

    /** Writes an OSS profile file with these credentials (as a rotation script would). */
    static void writeCredentials(Path file, String id, String secret, String token) throws java.io.IOException {
        String text = "[default]\noss_access_key_id = " + id + "\noss_secret_access_key = " + secret + "\n"
                + (token == null ? "" : "oss_session_token = " + token + "\n");
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        java.nio.file.Files.write(tmp, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Settings that take the credentials from {@code file} only. */
    Map<String, String> settingsWithCredentialsFile(String objectKey, Path file) {
        Map<String, String> s = settings(objectKey);
        s.put("accessKeyId", "");
        s.put("accessKeySecret", "");
        s.put("securityToken", "");
        s.put("credentialsFile", file.toString());
        return s;
    }

    @Override
    public void close() {
        emu.close();
    }
}
