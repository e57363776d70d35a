package io.github.appendlog.log4j2;

import io.github.appendlog.emulator.OssEmulator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-process emulator plus the system properties the test {@code log4j2.xml} files read
 * ({@code ${sys:appendlog.it.*}}), and helpers to start a Log4j2 context from such a file.
 * A test class registers one as {@code @RegisterExtension final TestStore store = new TestStore();}:
 * a fresh emulator starts before each test and is closed after it.
 */
final class TestStore implements BeforeEachCallback, AfterEachCallback {
    static final String BUCKET = "logs";
    static final String ACCESS_KEY_ID = "test-id";
    static final String ACCESS_KEY_SECRET = "test-secret-never-shown";
    static final String REGION = "cn-hangzhou";

    /** The running emulator of the current test. */
    OssEmulator emu;

    /** Starts the emulator and publishes its endpoint and credentials as system properties. */
    @Override
    public void beforeEach(ExtensionContext test) throws Exception {
        emu = OssEmulator.builder().port(0).bucket(BUCKET).credentials(ACCESS_KEY_ID, ACCESS_KEY_SECRET)
                .region(REGION).start();
        System.setProperty("appendlog.it.endpoint", emu.endpoint());
        System.setProperty("appendlog.it.bucket", BUCKET);
        System.setProperty("appendlog.it.region", REGION);
        System.setProperty("appendlog.it.accessKeyId", ACCESS_KEY_ID);
        System.setProperty("appendlog.it.accessKeySecret", ACCESS_KEY_SECRET);
    }

    /** The object key the next context's {@code ${sys:appendlog.it.objectKey}} resolves to. */
    static void objectKey(String key) {
        System.setProperty("appendlog.it.objectKey", key);
    }

    /** Every object whose key starts with the prefix, in index order, as text. */
    String text(String prefix) {
        List<String> keys = emu.objectKeys(BUCKET, prefix).stream()
                .sorted(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()))
                .collect(Collectors.toList());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String key : keys) {
            byte[] bytes = emu.objectBytes(BUCKET, key);
            if (bytes != null) {
                all.write(bytes, 0, bytes.length);
            }
        }
        return new String(all.toByteArray(), StandardCharsets.UTF_8);
    }

    @Override
    public void afterEach(ExtensionContext test) {
        emu.close();
    }
}
