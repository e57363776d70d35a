package io.github.appendlog.oss.sign;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The parts of an OSS request that a signature covers: method, bucket, key, query parameters and
 * headers. Signers read it and add their headers to it; the HTTP layer then copies the headers onto
 * the wire request. The emulator builds one from a received request to check its signature.
 */
public final class SignableRequest {

    /** A query parameter; {@code value} is null for a bare parameter such as {@code append}. */
    public static final class QueryParam {
        private final String name;
        private final String value;

        public QueryParam(String name, String value) {
            this.name = Objects.requireNonNull(name, "name");
            this.value = value;
        }

        public String name() {
            return name;
        }

        public String value() {
            return value;
        }
    }

    private final String method;
    private final String bucket;
    private final String key;
    private final List<QueryParam> query = new ArrayList<>();
    private final TreeMap<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    /**
     * @param bucket the bucket, or null for a service-level request
     * @param key the object key (raw, not URL-encoded), or null for a bucket-level request
     */
    public SignableRequest(String method, String bucket, String key) {
        this.method = Objects.requireNonNull(method, "method");
        this.bucket = bucket == null || bucket.isEmpty() ? null : bucket;
        this.key = key == null || key.isEmpty() ? null : key;
    }

    public SignableRequest addQuery(String name, String value) {
        query.add(new QueryParam(name, value));
        return this;
    }

    /** Sets a header, replacing any earlier value (names are case-insensitive). */
    public SignableRequest header(String name, String value) {
        headers.remove(name);
        headers.put(name, value);
        return this;
    }

    /** Removes a header if present (case-insensitive name), e.g. an earlier signature's before signing again. */
    public SignableRequest removeHeader(String name) {
        headers.remove(name);
        return this;
    }

    /** The header's value, or null (case-insensitive name). */
    public String header(String name) {
        return headers.get(name);
    }

    public String method() {
        return method;
    }

    public String bucket() {
        return bucket;
    }

    public String key() {
        return key;
    }

    public List<QueryParam> query() {
        return Collections.unmodifiableList(query);
    }

    /** Headers in case-insensitive name order, with the names as they were set. */
    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }
}
