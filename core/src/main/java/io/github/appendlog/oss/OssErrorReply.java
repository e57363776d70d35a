package io.github.appendlog.oss;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields of an OSS error reply, parsed defensively: the XML body is read with a tolerant
 * pattern (it may be malformed or cut short), a JSON envelope is accepted too, and a bodiless reply
 * (HEAD) falls back to the base64 XML that OSS repeats in the {@code x-oss-err} header.
 */
final class OssErrorReply {
    private static final int MAX_BODY_CHARS = 64 * 1024;
    private static final int MAX_FIELD_CHARS = 512;
    private static final Pattern XML_FIELD = Pattern.compile(
            "<(Code|Message|RequestId|HostId|EC|BucketName|OSSAccessKeyId|Endpoint)>(.*?)</\\1>", Pattern.DOTALL);
    private static final Pattern JSON_FIELD = Pattern.compile(
            "\"(Code|Message|RequestId|HostId|EC|BucketName)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final int status;
    private final Map<String, String> fields;
    private final String requestId;
    private final long nextAppendPosition;

    private OssErrorReply(int status, Map<String, String> fields, String requestId, long nextAppendPosition) {
        this.status = status;
        this.fields = fields;
        this.requestId = requestId;
        this.nextAppendPosition = nextAppendPosition;
    }

    /**
     * @param body the reply body, possibly empty
     * @param errHeader {@code x-oss-err}, or null
     * @param requestIdHeader {@code x-oss-request-id}, or null
     * @param ecHeader {@code x-oss-ec}, or null
     * @param nextPositionHeader {@code x-oss-next-append-position}, or null
     */
    static OssErrorReply parse(int status, byte[] body, String errHeader, String requestIdHeader, String ecHeader,
            String nextPositionHeader) {
        String text = body == null || body.length == 0 ? decodeBase64(errHeader) : utf8(body);
        Map<String, String> fields = new HashMap<>();
        if (text != null) {
            collect(XML_FIELD.matcher(text), fields, false);
            if (fields.isEmpty()) {
                collect(JSON_FIELD.matcher(text), fields, true);
            }
        }
        if (!fields.containsKey("EC") && ecHeader != null && !ecHeader.isEmpty()) {
            fields.put("EC", ecHeader);
        }
        String requestId = requestIdHeader != null && !requestIdHeader.isEmpty()
                ? requestIdHeader : fields.get("RequestId");
        return new OssErrorReply(status, fields, requestId, parsePosition(nextPositionHeader));
    }

    int status() {
        return status;
    }

    /** The OSS code such as {@code NoSuchBucket}, or null when the reply named none. */
    String code() {
        return fields.get("Code");
    }

    /** The server's message, or null. */
    String message() {
        return fields.get("Message");
    }

    String requestId() {
        return requestId;
    }

    /** The error-center id ({@code EC}), or null. */
    String ec() {
        return fields.get("EC");
    }

    /** The endpoint OSS says the bucket must be addressed with ({@code <Endpoint>}), or null. */
    String endpoint() {
        return fields.get("Endpoint");
    }

    /** {@code x-oss-next-append-position}, or -1. */
    long nextAppendPosition() {
        return nextAppendPosition;
    }

    private static void collect(Matcher m, Map<String, String> fields, boolean json) {
        while (m.find()) {
            String value = json ? unescapeJson(m.group(2)) : unescapeXml(m.group(2));
            value = value.trim();
            if (value.length() > MAX_FIELD_CHARS) {
                value = value.substring(0, MAX_FIELD_CHARS) + "...";
            }
            fields.putIfAbsent(m.group(1), value);
        }
    }

    private static String utf8(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.length() > MAX_BODY_CHARS ? s.substring(0, MAX_BODY_CHARS) : s;
    }

    private static String decodeBase64(String header) {
        if (header == null || header.isEmpty()) {
            return null;
        }
        try {
            return utf8(Base64.getMimeDecoder().decode(header.trim()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static long parsePosition(String header) {
        if (header == null) {
            return -1;
        }
        try {
            long v = Long.parseLong(header.trim());
            return v < 0 ? -1 : v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String unescapeXml(String s) {
        if (s.startsWith("<![CDATA[") && s.endsWith("]]>")) {
            return s.substring(9, s.length() - 3);
        }
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    private static String unescapeJson(String s) {
        return s.replace("\\\"", "\"").replace("\\/", "/").replace("\\n", " ").replace("\\\\", "\\");
    }
}
