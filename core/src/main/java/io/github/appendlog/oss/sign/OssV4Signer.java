package io.github.appendlog.oss.sign;

import io.github.appendlog.credentials.Credentials;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * OSS signature V4 ({@code OSS4-HMAC-SHA256}), step by step as the specification reads: scope,
 * canonical request, string to sign, signing key, signature, header. The time comes from the
 * request's {@code x-oss-date}; the signer never reads the clock.
 */
public final class OssV4Signer implements RequestSigner {
    public static final String ALGORITHM = "OSS4-HMAC-SHA256";
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    /** {@code x-oss-date} format, e.g. {@code 20231216T162057Z}. */
    public static final DateTimeFormatter ISO_BASIC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.US).withZone(ZoneOffset.UTC);

    private final String region;
    private final String product;
    private final Set<String> additionalHeaders;

    public OssV4Signer(String region) {
        this(region, Collections.emptySet());
    }

    /** @param additionalHeaders extra (non-default) headers to sign; names in any case */
    public OssV4Signer(String region, Set<String> additionalHeaders) {
        this(region, "oss", additionalHeaders);
    }

    OssV4Signer(String region, String product, Set<String> additionalHeaders) {
        this.region = Objects.requireNonNull(region, "region");
        this.product = product;
        TreeSet<String> lower = new TreeSet<>();
        for (String h : additionalHeaders) {
            lower.add(h.toLowerCase(Locale.ROOT));
        }
        this.additionalHeaders = lower;
    }

    @Override
    public void sign(SignableRequest request, Credentials credentials, Instant signTime) {
        request.header("x-oss-date", ISO_BASIC.format(signTime));
        request.header("Date", OssV1Signer.RFC_1123.format(signTime));
        request.header("x-oss-content-sha256", UNSIGNED_PAYLOAD);
        if (credentials.securityToken() != null) {
            request.header("x-oss-security-token", credentials.securityToken());
        }
        request.header("Authorization", authorization(request, credentials));
    }

    @Override
    public String authorization(SignableRequest request, Credentials credentials) {
        String additional = additionalHeaderList(request);
        String signature = SigningPrimitives.hex(SigningPrimitives.hmac("HmacSHA256",
                signingKey(credentials.accessKeySecret(), day(request)), stringToSign(request)));
        return ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope(request)
                + (additional.isEmpty() ? "" : ",AdditionalHeaders=" + additional) + ",Signature=" + signature;
    }

    @Override
    public String stringToSign(SignableRequest request) {
        return ALGORITHM + "\n" + xOssDate(request) + "\n" + scope(request) + "\n"
                + SigningPrimitives.sha256Hex(canonicalRequest(request));
    }

    /** The canonical request; exposed for tests and signature-mismatch diagnostics. */
    public String canonicalRequest(SignableRequest request) {
        String payload = request.header("x-oss-content-sha256");
        return request.method() + "\n"
                + canonicalUri(request) + "\n"
                + canonicalQuery(request) + "\n"
                + canonicalHeaders(request) + "\n"
                + additionalHeaderList(request) + "\n"
                + (payload == null ? UNSIGNED_PAYLOAD : payload);
    }

    private String scope(SignableRequest request) {
        return day(request) + "/" + region + "/" + product + "/aliyun_v4_request";
    }

    private byte[] signingKey(String secret, String day) {
        byte[] kDate = SigningPrimitives.hmac("HmacSHA256", ("aliyun_v4" + secret).getBytes(StandardCharsets.UTF_8), day);
        byte[] kRegion = SigningPrimitives.hmac("HmacSHA256", kDate, region);
        byte[] kProduct = SigningPrimitives.hmac("HmacSHA256", kRegion, product);
        return SigningPrimitives.hmac("HmacSHA256", kProduct, "aliyun_v4_request");
    }

    private static String xOssDate(SignableRequest request) {
        String date = request.header("x-oss-date");
        if (date == null || date.length() < 8) {
            throw new IllegalArgumentException("V4 signing needs an x-oss-date header like 20231216T162057Z");
        }
        return date;
    }

    private static String day(SignableRequest request) {
        return xOssDate(request).substring(0, 8);
    }

    private static String canonicalUri(SignableRequest request) {
        StringBuilder sb = new StringBuilder("/");
        if (request.bucket() != null) {
            sb.append(request.bucket()).append('/');
            if (request.key() != null) {
                sb.append(request.key());
            }
        }
        return uriEncode(sb.toString(), false);
    }

    private static String canonicalQuery(SignableRequest request) {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (SignableRequest.QueryParam p : request.query()) {
            String value = p.value() == null ? "" : uriEncode(p.value(), true);
            sorted.put(uriEncode(p.name(), true), value);
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(e.getKey());
            if (!e.getValue().isEmpty()) {
                sb.append('=').append(e.getValue());
            }
        }
        return sb.toString();
    }

    private String canonicalHeaders(SignableRequest request) {
        TreeMap<String, String> signed = new TreeMap<>();
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (isDefaultSigned(name) || additionalHeaders.contains(name)) {
                String value = h.getValue() == null ? "" : h.getValue().trim();
                signed.merge(name, value, (a, b) -> a + "," + b);
            }
        }
        StringBuilder sb = new StringBuilder();
        signed.forEach((name, value) -> sb.append(name).append(':').append(value).append('\n'));
        return sb.toString();
    }

    /** Additional headers actually present and not already signed by default, sorted, ';'-joined. */
    private String additionalHeaderList(SignableRequest request) {
        StringBuilder sb = new StringBuilder();
        for (String name : additionalHeaders) {
            if (!isDefaultSigned(name) && request.header(name) != null) {
                if (sb.length() > 0) {
                    sb.append(';');
                }
                sb.append(name);
            }
        }
        return sb.toString();
    }

    private static boolean isDefaultSigned(String lowerName) {
        return lowerName.equals("content-type") || lowerName.equals("content-md5") || lowerName.startsWith("x-oss-");
    }

    /** RFC 3986 percent-encoding with upper-case hex; '/' kept unless {@code encodeSlash}. */
    static String uriEncode(String s, boolean encodeSlash) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || (c == '/' && !encodeSlash)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "OssV4Signer{region=" + region + "}";
    }
}
