package io.github.appendlog.emulator.identity;

import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.oss.sign.RpcSignature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Checks the common parameters of an RPC-style request the way Alibaba Cloud's API gateway does:
 * {@code Version}, {@code Timestamp} ({@code yyyy-MM-ddTHH:mm:ssZ}, within 15 minutes of now) and,
 * for a signed request, {@code SignatureMethod=HMAC-SHA1}, {@code SignatureVersion=1.0}, a
 * {@code SignatureNonce} not seen before, a known {@code AccessKeyId} with the right
 * {@code SecurityToken} (for STS keys, which must not have expired), and the {@code Signature}
 * recomputed with core's {@link RpcSignature} over every other parameter of the query and form.
 */
final class RpcRequestCheck {
    static final Duration MAX_SKEW = Duration.ofMinutes(15);

    private final String version;
    private final Function<String, Credentials> keys;
    private final Set<String> nonces = ConcurrentHashMap.newKeySet();

    RpcRequestCheck(String version, Function<String, Credentials> keys) {
        this.version = version;
        this.keys = keys;
    }

    /** Null if the version and timestamp are right, else the error. */
    PopError common(Map<String, String> p) {
        if (empty(p.get("Version"))) {
            return PopError.missing("Version");
        }
        if (!version.equals(p.get("Version"))) {
            return PopError.of(400, "InvalidVersion", "Specified parameter Version is not valid.");
        }
        String timestamp = p.get("Timestamp");
        if (empty(timestamp)) {
            return PopError.missing("Timestamp");
        }
        Instant time;
        try {
            time = Instant.from(KeyMinter.WIRE_TIME.parse(timestamp));
        } catch (DateTimeParseException e) {
            return PopError.of(400, "InvalidTimeStamp.Format",
                    "Specified time stamp or date value is not well formatted.");
        }
        if (Duration.between(time, Instant.now()).abs().compareTo(MAX_SKEW) > 0) {
            return PopError.of(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
        }
        return null;
    }

    /** Null if the request is properly signed by a known, valid key pair, else the error. */
    PopError signed(String method, Map<String, String> p) {
        for (String required : new String[] {"AccessKeyId", "SignatureMethod", "SignatureVersion",
            "SignatureNonce", "Signature"}) {
            if (empty(p.get(required))) {
                return PopError.missing(required);
            }
        }
        if (!"HMAC-SHA1".equals(p.get("SignatureMethod"))) {
            return PopError.of(400, "InvalidSignatureMethod", "Specified signature method is not valid.");
        }
        if (!"1.0".equals(p.get("SignatureVersion"))) {
            return PopError.of(400, "InvalidSignatureVersion", "Specified signature version is not valid.");
        }
        Credentials key = keys.apply(p.get("AccessKeyId"));
        if (key == null) {
            return PopError.of(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
        }
        PopError tokenError = token(key, p.get("SecurityToken"));
        if (tokenError != null) {
            return tokenError;
        }
        String expected = RpcSignature.sign(method, p, key.accessKeySecret());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                p.get("Signature").getBytes(StandardCharsets.UTF_8))) {
            return PopError.of(403, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation.");
        }
        if (!nonces.add(p.get("SignatureNonce"))) {
            return PopError.of(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
        }
        return null;
    }

    private static PopError token(Credentials key, String token) {
        if (key.securityToken() == null) {
            return empty(token) ? null : PopError.of(400, "InvalidSecurityToken.MismatchWithAccessKey",
                    "Specified SecurityToken mismatch with the AccessKey.");
        }
        if (empty(token)) {
            return PopError.missing("SecurityToken");
        }
        if (!MessageDigest.isEqual(key.securityToken().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            return PopError.of(400, "InvalidSecurityToken.MismatchWithAccessKey",
                    "Specified SecurityToken mismatch with the AccessKey.");
        }
        if (key.expiration() != null && !Instant.now().isBefore(key.expiration())) {
            return PopError.of(400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.");
        }
        return null;
    }

    static boolean empty(String s) {
        return s == null || s.isEmpty();
    }
}
