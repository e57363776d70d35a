package io.github.appendlog.emulator.identity;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request one of the fake identity services received, for a test's assertions: method, path,
 * raw query, headers (names case-insensitive, first value), the body as text, and the parameters
 * of the query and of an {@code application/x-www-form-urlencoded} body (decoded, the body's after
 * the query's). {@link #toString()} shows the method and path only: bodies and headers may hold
 * tokens.
 */
public final class RecordedRequest {
    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, String> headers;
    private final String body;
    private final Map<String, String> queryParameters;
    private final Map<String, String> formParameters;

    RecordedRequest(String method, String path, String rawQuery, Map<String, List<String>> headers, String body) {
        this.method = method;
        this.path = path;
        this.rawQuery = rawQuery;
        TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (name != null && !values.isEmpty()) {
                h.put(name, values.get(0));
            }
        });
        this.headers = Collections.unmodifiableMap(h);
        this.body = body;
        this.queryParameters = decodeForm(rawQuery);
        String type = h.getOrDefault("Content-Type", "");
        this.formParameters = type.startsWith("application/x-www-form-urlencoded")
                ? decodeForm(body) : Collections.emptyMap();
    }

    public String method() {
        return method;
    }

    /** The decoded path, e.g. {@code /latest/api/token}. */
    public String path() {
        return path;
    }

    /** The query as sent (still encoded), or null. */
    public String rawQuery() {
        return rawQuery;
    }

    /** The first value of the header, or null. */
    public String header(String name) {
        return headers.get(name);
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The body as UTF-8 text ("" when there was none). */
    public String body() {
        return body;
    }

    /** A parameter of the form body, else of the query; null if neither has it. */
    public String parameter(String name) {
        String v = formParameters.get(name);
        return v != null ? v : queryParameters.get(name);
    }

    /** The query's parameters, decoded, in order. */
    public Map<String, String> queryParameters() {
        return queryParameters;
    }

    /** The form body's parameters, decoded, in order (empty unless the body is a form). */
    public Map<String, String> formParameters() {
        return formParameters;
    }

    /** Query and form parameters together (a name in both: the form's value). */
    public Map<String, String> parameters() {
        Map<String, String> all = new LinkedHashMap<>(queryParameters);
        all.putAll(formParameters);
        return all;
    }

    @Override
    public String toString() {
        return method + " " + path;
    }

    private static Map<String, String> decodeForm(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return Collections.unmodifiableMap(params);
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] nv = pair.split("=", 2);
            params.putIfAbsent(decode(nv[0]), nv.length > 1 ? decode(nv[1]) : "");
        }
        return Collections.unmodifiableMap(params);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
