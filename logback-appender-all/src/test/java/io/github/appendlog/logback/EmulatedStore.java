package io.github.appendlog.logback;

import io.github.appendlog.emulator.OssEmulator;
import java.util.List;
import java.util.Map;

/** An in-process emulator with one bucket and one key pair, and the properties a test XML reads. */
final class EmulatedStore implements AutoCloseable {
    static final String BUCKET = "logs";
    static final String ACCESS_KEY_ID = "test-id";
    static final String ACCESS_KEY_SECRET = "test-secret";

    final OssEmulator emu;

    EmulatedStore() {
        emu = OssEmulator.builder().port(0).bucket(BUCKET).credentials(ACCESS_KEY_ID, ACCESS_KEY_SECRET).start();
    }

    /** {@code ${endpoint}}, {@code ${region}}, {@code ${bucket}}, {@code ${objectKey}} and the key pair. */
    Map<String, String> properties(String objectKey) {
        return Map.of("endpoint", emu.endpoint(), "region", emu.region(), "bucket", BUCKET, "objectKey", objectKey,
                "accessKeyId", ACCESS_KEY_ID, "accessKeySecret", ACCESS_KEY_SECRET);
    }

    /** Every line stored under the prefix, objects in key order. */
    List<String> lines(String prefix) {
        return StoredText.lines(emu, BUCKET, prefix);
    }

    @Override
    public void close() {
        emu.close();
    }
}
