package io.github.appendlog.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.Header;

/**
 * Turns an HTTP request into an {@link OssRequest}. Both addressing styles work:
 * <ul>
 *   <li>path style, {@code /bucket/key} (what clients use for IP and {@code localhost} endpoints);</li>
 *   <li>virtual-hosted style, {@code Host: bucket.<host>}, recognised when the Host is not an IP
 *       address or {@code localhost} and its first label is one of the emulator's buckets.</li>
 * </ul>
 */
final class RequestParser {
    private final Set<String> buckets;

    RequestParser(Set<String> buckets) {
        this.buckets = buckets;
    }

    OssRequest parse(ClassicHttpRequest request) {
        String uri = request.getPath() == null ? "/" : request.getPath();
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        String rawQuery = q < 0 ? "" : uri.substring(q + 1);
        if (!rawPath.startsWith("/")) {
            rawPath = "/" + rawPath;
        }
        String host = headerValue(request, "Host");
        String hostBucket = virtualHostBucket(host);
        String bucket;
        String key;
        if (hostBucket != null) {
            bucket = hostBucket;
            key = PercentCodec.decode(rawPath.substring(1));
        } else {
            String rest = rawPath.substring(1);
            int slash = rest.indexOf('/');
            bucket = PercentCodec.decode(slash < 0 ? rest : rest.substring(0, slash));
            key = slash < 0 ? null : PercentCodec.decode(rest.substring(slash + 1));
        }
        return new OssRequest(request.getMethod().toUpperCase(Locale.ROOT), bucket, key, parseQuery(rawQuery),
                headers(request), host == null ? "" : host);
    }

    private String virtualHostBucket(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty() || hostHeader.startsWith("[")) {
            return null;
        }
        int colon = hostHeader.lastIndexOf(':');
        String hostName = (colon < 0 ? hostHeader : hostHeader.substring(0, colon)).toLowerCase(Locale.ROOT);
        if (hostName.equals("localhost") || hostName.matches("[0-9.]+")) {
            return null;
        }
        int dot = hostName.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        String label = hostName.substring(0, dot);
        return buckets.contains(label) ? label : null;
    }

    static List<OssRequest.Param> parseQuery(String rawQuery) {
        List<OssRequest.Param> params = new ArrayList<>();
        if (rawQuery.isEmpty()) {
            return params;
        }
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = PercentCodec.decode(eq < 0 ? part : part.substring(0, eq));
            String value = eq < 0 ? null : PercentCodec.decode(part.substring(eq + 1));
            params.add(new OssRequest.Param(name, value));
        }
        return params;
    }

    private static Map<String, String> headers(ClassicHttpRequest request) {
        Map<String, String> joined = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, String> firstNames = new LinkedHashMap<>();
        for (Header h : request.getHeaders()) {
            String value = h.getValue() == null ? "" : h.getValue();
            joined.merge(h.getName(), value, (a, b) -> a + "," + b);
            firstNames.putIfAbsent(h.getName().toLowerCase(Locale.ROOT), h.getName());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : firstNames.values()) {
            out.put(name, joined.get(name));
        }
        return out;
    }

    private static String headerValue(ClassicHttpRequest request, String name) {
        Header h = request.getFirstHeader(name);
        if (h != null) {
            return h.getValue();
        }
        return request.getAuthority() == null ? null : request.getAuthority().toString();
    }
}
