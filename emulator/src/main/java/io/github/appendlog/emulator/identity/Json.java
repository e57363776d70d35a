package io.github.appendlog.emulator.identity;

import java.util.Map;

/** Writes the flat and once-nested JSON objects the fake services answer with. */
final class Json {
    private Json() {
    }

    /** An object of string values and nested {@code Map<String, ?>} objects, in the map's order. */
    static String object(Map<String, ?> members) {
        StringBuilder sb = new StringBuilder(256);
        write(sb, members);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Map<String, ?> members) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, ?> m : members.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            string(sb, m.getKey());
            sb.append(':');
            Object v = m.getValue();
            if (v instanceof Map) {
                @SuppressWarnings("unchecked")
                Map<String, ?> nested = (Map<String, ?>) v;
                write(sb, nested);
            } else {
                string(sb, String.valueOf(v));
            }
        }
        sb.append('}');
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
