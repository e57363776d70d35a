package io.github.appendlog.emulator;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The creation-time headers an object keeps and returns on GET/HEAD: Content-Type, the other
 * standard content headers and the {@code x-oss-meta-*} user metadata (names lower-cased).
 */
final class ObjectHeaders {
    static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";
    private static final String[] STANDARD = {
        "Content-Type", "Cache-Control", "Content-Disposition", "Content-Encoding", "Expires"
    };

    private final Map<String, String> headers;

    ObjectHeaders(Map<String, String> headers) {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        copy.putIfAbsent("Content-Type", DEFAULT_CONTENT_TYPE);
        this.headers = Collections.unmodifiableMap(copy);
    }

    static ObjectHeaders defaults() {
        return new ObjectHeaders(Map.of());
    }

    /** Picks the stored headers out of a request's headers ({@code lookup} is case-insensitive). */
    static ObjectHeaders fromRequest(Function<String, String> lookup, Iterable<String> headerNames) {
        Map<String, String> kept = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : STANDARD) {
            String value = lookup.apply(name);
            if (value != null && !value.isEmpty()) {
                kept.put(name, value);
            }
        }
        for (String name : headerNames) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-oss-meta-")) {
                kept.put(lower, lookup.apply(name));
            }
        }
        return new ObjectHeaders(kept);
    }

    String contentType() {
        return headers.get("Content-Type");
    }

    /** All stored headers, names as they are to be sent. */
    Map<String, String> asMap() {
        return headers;
    }
}
