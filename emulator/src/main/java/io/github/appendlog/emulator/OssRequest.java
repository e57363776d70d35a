package io.github.appendlog.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A received request as OSS sees it: method, bucket and key (decoded), query parameters (decoded;
 * value null for a bare name such as {@code append}), headers (case-insensitive, repeated headers
 * joined with {@code ,}) and the operation it asks for.
 */
final class OssRequest {
    /** Object sub-resources that turn a request into an operation the emulator does not serve. */
    private static final Set<String> OTHER_OBJECT_SUBRESOURCES = Set.of("acl", "tagging", "objectMeta",
            "symlink", "restore", "uploads", "uploadId", "partNumber", "seal", "x-oss-process", "versions",
            "cors", "logging", "website", "lifecycle", "referer", "location", "bucketInfo", "stat");
    private static final Set<String> LIST_PARAMETERS = Set.of("list-type", "prefix", "delimiter", "marker",
            "max-keys", "continuation-token", "start-after", "encoding-type", "fetch-owner");

    /** One query parameter. */
    static final class Param {
        final String name;
        final String value;

        Param(String name, String value) {
            this.name = name;
            this.value = value;
        }
    }

    private final String method;
    private final String bucket;
    private final String key;
    private final List<Param> query;
    private final TreeMap<String, String> headers;
    private final String host;

    OssRequest(String method, String bucket, String key, List<Param> query, Map<String, String> headers,
            String host) {
        this.method = method;
        this.bucket = bucket == null || bucket.isEmpty() ? null : bucket;
        this.key = key == null || key.isEmpty() ? null : key;
        this.query = Collections.unmodifiableList(new ArrayList<>(query));
        this.headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        this.headers.putAll(headers);
        this.host = host;
    }

    String method() {
        return method;
    }

    /** The bucket, or null for a service-level request. */
    String bucket() {
        return bucket;
    }

    /** The object key, raw (decoded), or null for a bucket-level request. */
    String key() {
        return key;
    }

    List<Param> query() {
        return query;
    }

    boolean hasParam(String name) {
        return query.stream().anyMatch(p -> p.name.equals(name));
    }

    /** The parameter's value ("" for a bare name), or null if absent. */
    String param(String name) {
        for (Param p : query) {
            if (p.name.equals(name)) {
                return p.value == null ? "" : p.value;
            }
        }
        return null;
    }

    String header(String name) {
        return headers.get(name);
    }

    Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    /** The Host header as received, used as the error's HostId. */
    String host() {
        return host;
    }

    Operation operation() {
        if (bucket == null) {
            return Operation.OTHER;
        }
        if (key == null) {
            boolean onlyListParams = query.stream().allMatch(p -> LIST_PARAMETERS.contains(p.name));
            return "GET".equals(method) && onlyListParams ? Operation.LIST : Operation.OTHER;
        }
        if ("HEAD".equals(method) && query.size() == 1 && hasParam("objectMeta")) {
            return Operation.HEAD; // GetObjectMeta: a HEAD with fewer headers; all of them do no harm
        }
        if (query.stream().anyMatch(p -> OTHER_OBJECT_SUBRESOURCES.contains(p.name))) {
            return Operation.OTHER;
        }
        switch (method) {
            case "PUT": return Operation.PUT;
            case "POST": return hasParam("append") ? Operation.APPEND : Operation.OTHER;
            case "GET": return Operation.GET;
            case "HEAD": return Operation.HEAD;
            case "DELETE": return Operation.DELETE;
            default: return Operation.OTHER;
        }
    }
}
