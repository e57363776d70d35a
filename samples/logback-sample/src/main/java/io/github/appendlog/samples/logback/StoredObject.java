package io.github.appendlog.samples.logback;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.emulator.OssEmulator;
import io.github.appendlog.store.ObjectInfo;
import io.github.appendlog.oss.OssHttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/** What the sample prints about the object it wrote: where, its size, its first and last line. */
final class StoredObject {
    /** Enough of each end of the object to hold a whole line, stack traces aside. */
    private static final int END_BYTES = 64 * 1024;

    private final String location;
    private final long size;
    private final String firstLine;
    private final String lastLine;

    private StoredObject(String location, long size, byte[] head, byte[] tail) {
        this.location = location;
        this.size = size;
        this.firstLine = firstLine(head);
        this.lastLine = lastLine(tail);
    }

    static StoredObject fromEmulator(OssEmulator emulator, String bucket, String key) {
        byte[] bytes = emulator.objectBytes(bucket, key);
        byte[] all = bytes == null ? new byte[0] : bytes;
        return new StoredObject(emulator.endpoint() + " bucket " + bucket + " key " + key, all.length, all, all);
    }

    /** Reads both ends of the object from the store the environment names (OSS_ENDPOINT...). */
    static StoredObject fromStore(Map<String, String> environment, String key) throws Exception {
        AppendlogConfig config = AppendlogConfig.builder()
                .environment(environment)
                .name("logback-sample-reader")
                .endpoint(environment.get("OSS_ENDPOINT"))
                .region(environment.get("OSS_REGION"))
                .bucket(environment.get("OSS_BUCKET"))
                .objectKey(key)
                .build();
        try (OssHttpClient client = OssHttpClient.create(config)) {
            ObjectInfo info = client.head(key);
            long size = info == null ? 0 : info.length();
            if (size == 0) {
                return new StoredObject(client.describe() + " key " + key, 0, new byte[0], new byte[0]);
            }
            byte[] head = client.getRange(key, 0, Math.min(size, END_BYTES) - 1);
            byte[] tail = client.getRange(key, Math.max(0, size - END_BYTES), size - 1);
            return new StoredObject(client.describe() + " key " + key, size, head, tail);
        }
    }

    private static String firstLine(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static String lastLine(byte[] bytes) {
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] == '\n') {
            end--;
        }
        int start = end;
        while (start > 0 && bytes[start - 1] != '\n') {
            start--;
        }
        return new String(Arrays.copyOfRange(bytes, start, end), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        if (size == 0) {
            return "object:     " + location + "\nit is empty or missing: run with -Dlogback.debug=true to see why";
        }
        return "object:     " + location + "\nsize:       " + size + " bytes\nfirst line: " + firstLine
                + "\nlast line:  " + lastLine;
    }
}
