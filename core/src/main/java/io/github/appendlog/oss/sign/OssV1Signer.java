package io.github.appendlog.oss.sign;

import io.github.appendlog.credentials.Credentials;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * OSS signature V1: {@code Authorization: OSS <id>:base64(HMAC-SHA1(secret, StringToSign))}.
 * StringToSign = verb, Content-MD5, Content-Type, Date, canonicalized x-oss- headers, canonicalized
 * resource (raw key, signed sub-resources only).
 */
public final class OssV1Signer implements RequestSigner {
    /** RFC 1123 date in GMT with a two-digit day, as OSS sends and expects it. */
    public static final DateTimeFormatter RFC_1123 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private static final Set<String> SIGNED_SUB_RESOURCES = new HashSet<>(Arrays.asList(
            "acl", "append", "bucketInfo", "callback", "callback-var", "cloudboxes", "continuation-token",
            "delete", "location", "objectMeta", "partNumber", "position", "regionList",
            "response-cache-control", "response-content-disposition", "response-content-encoding",
            "response-content-language", "response-content-type", "response-expires", "restore",
            "security-token", "sequential", "stat", "symlink", "tagging", "uploadId", "uploads", "versionId",
            "versioning", "versions", "seal"));

    private final Set<String> extraSubResources;

    public OssV1Signer() {
        this(Collections.emptySet());
    }

    /** @param extraSubResources operation-specific query parameters that are also signed */
    public OssV1Signer(Set<String> extraSubResources) {
        this.extraSubResources = new HashSet<>(extraSubResources);
    }

    @Override
    public void sign(SignableRequest request, Credentials credentials, Instant signTime) {
        request.header("Date", RFC_1123.format(signTime));
        if (credentials.securityToken() != null) {
            request.header("x-oss-security-token", credentials.securityToken());
        }
        request.header("Authorization", authorization(request, credentials));
    }

    @Override
    public String authorization(SignableRequest request, Credentials credentials) {
        byte[] mac = SigningPrimitives.hmac("HmacSHA1",
                credentials.accessKeySecret().getBytes(StandardCharsets.UTF_8), stringToSign(request));
        return "OSS " + credentials.accessKeyId() + ":" + Base64.getEncoder().encodeToString(mac);
    }

    @Override
    public String stringToSign(SignableRequest request) {
        StringBuilder sb = new StringBuilder();
        sb.append(request.method()).append('\n');
        sb.append(nullToEmpty(request.header("Content-MD5"))).append('\n');
        sb.append(nullToEmpty(request.header("Content-Type"))).append('\n');
        sb.append(nullToEmpty(request.header("Date"))).append('\n');
        sb.append(canonicalizedOssHeaders(request));
        sb.append(canonicalizedResource(request));
        return sb.toString();
    }

    private static String canonicalizedOssHeaders(SignableRequest request) {
        TreeMap<String, String> oss = new TreeMap<>();
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("x-oss-")) {
                oss.merge(name, nullToEmpty(h.getValue()).trim(), (a, b) -> a + "," + b);
            }
        }
        StringBuilder sb = new StringBuilder();
        oss.forEach((name, value) -> sb.append(name).append(':').append(value).append('\n'));
        return sb.toString();
    }

    private String canonicalizedResource(SignableRequest request) {
        StringBuilder sb = new StringBuilder("/");
        if (request.bucket() != null) {
            sb.append(request.bucket()).append('/');
            if (request.key() != null) {
                sb.append(request.key());
            }
        }
        TreeMap<String, String> signed = new TreeMap<>();
        for (SignableRequest.QueryParam p : request.query()) {
            if (SIGNED_SUB_RESOURCES.contains(p.name()) || p.name().startsWith("x-oss-")
                    || extraSubResources.contains(p.name())) {
                signed.put(p.name(), p.value());
            }
        }
        char sep = '?';
        for (Map.Entry<String, String> p : signed.entrySet()) {
            sb.append(sep).append(p.getKey());
            if (p.getValue() != null && !p.getValue().isEmpty()) {
                sb.append('=').append(p.getValue());
            }
            sep = '&';
        }
        return sb.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public String toString() {
        return "OssV1Signer";
    }
}
