package io.github.appendlog.logback;

import io.github.appendlog.emulator.OssEmulator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the emulator holds under a key prefix: every object, in key order, as lines. A last line
 * without its separator would show up as a line not ending the way the test expects.
 */
final class StoredText {

    private StoredText() {
    }

    static List<String> lines(OssEmulator emu, String bucket, String prefix) {
        List<String> keys = new ArrayList<>(emu.objectKeys(bucket, prefix));
        keys.sort(null);
        StringBuilder text = new StringBuilder();
        for (String key : keys) {
            byte[] bytes = emu.objectBytes(bucket, key);
            if (bytes != null) {
                text.append(new String(bytes, StandardCharsets.UTF_8));
            }
        }
        if (text.length() == 0) {
            return new ArrayList<>();
        }
        List<String> lines = new ArrayList<>(Arrays.asList(text.toString().split("\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1); // after the last separator; a torn last line stays in
        }
        return lines;
    }
}
