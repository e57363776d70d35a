package io.github.appendlog.benchmarks.runner;

import java.util.Locale;
import java.util.Map;

/** The one line format runners report with: {@code RESULT key=value}. */
final class RunnerOutput {
    private static final String PREFIX = "RESULT ";

    private RunnerOutput() {
    }

    static void print(String key, Object value) {
        String text = value instanceof Double || value instanceof Float
                ? String.format(Locale.ROOT, "%.6f", ((Number) value).doubleValue())
                : String.valueOf(value);
        System.out.println(PREFIX + key + "=" + text);
        System.out.flush();
    }

    static void parse(String line, Map<String, String> into) {
        if (!line.startsWith(PREFIX)) {
            return;
        }
        int eq = line.indexOf('=', PREFIX.length());
        if (eq > 0) {
            into.put(line.substring(PREFIX.length(), eq), line.substring(eq + 1));
        }
    }
}
