package io.github.appendlog.oss;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Builds object URLs for one bucket. IP-address and {@code localhost} endpoints use path style
 * ({@code http://127.0.0.1:9000/bucket/key}); others use virtual-hosted style
 * ({@code https://bucket.oss-cn-hangzhou.aliyuncs.com/key}), as OSS requires.
 */
final class ObjectUrls {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final URI endpoint;
    private final String bucket;
    private final boolean pathStyle;
    private final String base;

    ObjectUrls(URI endpoint, String bucket) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("endpoint " + endpoint + " must use http or https");
        }
        String host = endpoint.getHost();
        if (host == null) {
            throw new IllegalArgumentException("endpoint " + endpoint + " has no host");
        }
        this.pathStyle = usesPathStyle(host);
        String port = endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort();
        this.base = pathStyle
                ? scheme + "://" + host + port + "/" + bucket + "/"
                : scheme + "://" + bucket + "." + host + port + "/";
    }

    /** Path style for IP literals and localhost, where a bucket sub-domain cannot resolve. */
    static boolean usesPathStyle(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return IPV4.matcher(h).matches() || h.startsWith("[") || h.contains(":")
                || h.equals("localhost") || h.endsWith(".localhost");
    }

    boolean pathStyle() {
        return pathStyle;
    }

    URI endpoint() {
        return endpoint;
    }

    String bucket() {
        return bucket;
    }

    /**
     * The URL of {@code key}, with {@code rawQuery} (already encoded, may be null) appended.
     */
    URI object(String key, String rawQuery) {
        String url = base + encodePath(key) + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
        return URI.create(url);
    }

    /** The bucket's URL ({@code .../bucket/} or {@code https://bucket.host/}) with {@code rawQuery}. */
    URI bucketUrl(String rawQuery) {
        return object("", rawQuery);
    }

    /** UTF-8 percent-encoding of a query value: as {@link #encodePath} but {@code /} is encoded too. */
    static String encodeQueryValue(String value) {
        return encodePath(value).replace("/", "%2F");
    }

    /**
     * UTF-8 percent-encoding of an object key for the URL path: unreserved characters
     * ({@code A-Z a-z 0-9 - . _ ~}) and {@code /} stay, everything else becomes {@code %XX}.
     */
    static String encodePath(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "oss://" + bucket + " at " + endpoint;
    }
}
