package io.github.appendlog.samples.log4j2;

import io.github.appendlog.emulator.OssEmulator;

/** The in-process emulator the sample logs into when no real store is configured. */
final class EmulatorStore {
    static final String BUCKET = "sample-logs";
    static final String REGION = "cn-hangzhou";
    static final String ACCESS_KEY_ID = "sample-id";
    static final String ACCESS_KEY_SECRET = "sample-secret";

    private EmulatorStore() {
    }

    /** Starts the emulator and sets the system properties log4j2.xml falls back to: before Log4j2 starts. */
    static OssEmulator start() throws Exception {
        OssEmulator emulator = OssEmulator.builder().port(0).bucket(BUCKET).credentials(ACCESS_KEY_ID, ACCESS_KEY_SECRET)
                .region(REGION).start();
        System.setProperty("sample.endpoint", emulator.endpoint());
        System.setProperty("sample.region", REGION);
        System.setProperty("sample.bucket", BUCKET);
        System.setProperty("sample.accessKeyId", ACCESS_KEY_ID);
        System.setProperty("sample.accessKeySecret", ACCESS_KEY_SECRET);
        return emulator;
    }

    static Log4j2Sample.ObjectReader reader(OssEmulator emulator) {
        return key -> {
            byte[] bytes = emulator.objectBytes(BUCKET, key);
            if (bytes == null) {
                throw new IllegalStateException("no object " + key + " in the emulator; keys: "
                        + emulator.objectKeys(BUCKET, ""));
            }
            return bytes;
        };
    }
}
