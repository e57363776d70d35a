package io.github.appendlog.oss.sign;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * The signature of Alibaba Cloud's RPC-style APIs (STS {@code AssumeRole}), version 1.0: every
 * parameter but {@code Signature}, sorted by name, percent-encoded as RFC 3986 wants
 * ({@code A-Z a-z 0-9 - _ . ~} kept, every other byte of the UTF-8 form as {@code %XY}), joined
 * with {@code &}; the string to sign is {@code METHOD&%2F&} followed by that text encoded once
 * more; the signature is Base64(HMAC-SHA1) of it with the key {@code secret + "&"}. Used by the
 * STS credential source to sign and by the test STS to check.
 */
public final class RpcSignature {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RpcSignature() {
    }

    /** The text the signature is computed over. */
    public static String stringToSign(String method, Map<String, String> parameters) {
        StringBuilder canonical = new StringBuilder();
        for (Map.Entry<String, String> p : new TreeMap<>(parameters).entrySet()) {
            if (p.getKey().equals("Signature")) {
                continue;
            }
            if (canonical.length() > 0) {
                canonical.append('&');
            }
            canonical.append(percentEncode(p.getKey())).append('=').append(percentEncode(p.getValue()));
        }
        return method + "&" + percentEncode("/") + "&" + percentEncode(canonical.toString());
    }

    /** The {@code Signature} parameter for {@code parameters} sent with {@code method}. */
    public static String sign(String method, Map<String, String> parameters, String accessKeySecret) {
        byte[] mac = SigningPrimitives.hmac("HmacSHA1", (accessKeySecret + "&").getBytes(StandardCharsets.UTF_8),
                stringToSign(method, parameters));
        return Base64.getEncoder().encodeToString(mac);
    }

    /** RFC 3986 percent-encoding of the UTF-8 form, upper-case hex. */
    public static String percentEncode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
