package io.github.appendlog.emulator;

import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.oss.sign.OssV1Signer;
import io.github.appendlog.oss.sign.OssV4Signer;
import io.github.appendlog.oss.sign.RequestSigner;
import io.github.appendlog.oss.sign.SignableRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Checks a request's {@code Authorization} the way OSS does: V1 ({@code OSS id:signature}) and V4
 * ({@code OSS4-HMAC-SHA256 Credential=...}), with the STS token, by rebuilding the request the
 * client signed and computing the expected value with core's signers. The key id and the STS token
 * are checked before the signature: an unknown id is {@code InvalidAccessKeyId}, a token sent with a
 * key pair that has none {@code AccessKeyIdAndSecurityTokenNotMatch}, a wrong or missing token
 * {@code InvalidSecurityToken}, the right token past the key pair's expiry
 * {@code SecurityTokenExpired} (a key pair without a token past its expiry counts as unknown).
 */
final class SignatureVerifier {
    static final long MAX_SKEW_MILLIS = 15 * 60 * 1000L;
    private static final DateTimeFormatter V4_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final KeyRing keys;
    private final String region;
    private final LongSupplier clockMillis;
    private final boolean publicRead;

    SignatureVerifier(KeyRing keys, String region, LongSupplier clockMillis) {
        this(keys, region, clockMillis, false);
    }

    /** @param publicRead whether an unsigned GET or HEAD is let through (as for a public-read bucket) */
    SignatureVerifier(KeyRing keys, String region, LongSupplier clockMillis, boolean publicRead) {
        this.keys = keys;
        this.region = region;
        this.clockMillis = clockMillis;
        this.publicRead = publicRead;
    }

    /** Null if the request is properly signed, else the error OSS answers with. */
    OssError verify(OssRequest request) {
        String auth = request.header("Authorization");
        if (auth == null || auth.isEmpty()) {
            if (publicRead && (request.method().equals("GET") || request.method().equals("HEAD"))) {
                return null;
            }
            return OssError.accessDenied("Anonymous access is forbidden for this operation.");
        }
        if (auth.startsWith("OSS4-HMAC-SHA256 ")) {
            return verifyV4(request, auth);
        }
        if (auth.startsWith("OSS ")) {
            return verifyV1(request, auth);
        }
        return OssError.invalidArgument("Authorization header is invalid.", "Authorization", auth);
    }

    private OssError verifyV1(OssRequest request, String auth) {
        int colon = auth.lastIndexOf(':');
        if (colon < 4) {
            return OssError.invalidArgument("Authorization header is invalid.", "Authorization", auth);
        }
        String accessKeyId = auth.substring(4, colon).trim();
        String date = request.header("Date");
        // As OSS does, x-oss-date stands for a missing Date (the Node.js client sends only it);
        // its value is then the string to sign's Date line, besides being one of its x-oss- headers.
        boolean ossDate = date == null || date.isEmpty();
        if (ossDate) {
            date = request.header("x-oss-date");
        }
        if (date == null || date.isEmpty()) {
            return OssError.accessDenied("OSS authentication requires a valid Date.");
        }
        Instant time;
        try {
            time = Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(date));
        } catch (DateTimeParseException e) {
            return OssError.accessDenied("OSS authentication requires a valid Date.");
        }
        OssError skew = checkSkew(time, date);
        if (skew != null) {
            return skew;
        }
        return compare(request, accessKeyId, new OssV1Signer(), auth.substring(colon + 1), ossDate ? date : null);
    }

    private OssError verifyV4(OssRequest request, String auth) {
        V4Authorization v4 = V4Authorization.parse(auth);
        if (v4 == null) {
            return OssError.invalidArgument("Authorization header is invalid.", "Authorization", auth);
        }
        String sha = request.header("x-oss-content-sha256");
        if (!"UNSIGNED-PAYLOAD".equals(sha)) {
            return OssError.invalidArgument("x-oss-content-sha256 must be UNSIGNED-PAYLOAD.",
                    "x-oss-content-sha256", sha).ec("0002-00000214");
        }
        String date = request.header("x-oss-date");
        Instant time;
        try {
            time = Instant.from(V4_DATE.parse(date == null ? "" : date));
        } catch (DateTimeParseException e) {
            return OssError.accessDenied("OSS V4 authentication requires a valid x-oss-date.");
        }
        if (!date.startsWith(v4.scopeDate) || !"oss".equals(v4.product)
                || !"aliyun_v4_request".equals(v4.terminator)) {
            return OssError.invalidArgument("Invalid credential scope in Authorization header.",
                    "Authorization", v4.accessKeyId + "/" + v4.scopeDate + "/" + v4.region + "/" + v4.product);
        }
        if (!region.equals(v4.region)) {
            return OssError.invalidArgument("Invalid signing region in Authorization header: expected "
                    + region + ".", "Region", v4.region);
        }
        OssError skew = checkSkew(time, date);
        if (skew != null) {
            return skew;
        }
        return compare(request, v4.accessKeyId, new OssV4Signer(region, v4.additionalHeaders), v4.signature, null);
    }

    private OssError checkSkew(Instant requestTime, String asSent) {
        long now = clockMillis.getAsLong();
        if (Math.abs(now - requestTime.toEpochMilli()) > MAX_SKEW_MILLIS) {
            return OssError.requestTimeTooSkewed(asSent,
                    DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(now)));
        }
        return null;
    }

    /** @param dateLine the V1 Date to sign when the request has none (its x-oss-date), else null */
    private OssError compare(OssRequest request, String accessKeyId, RequestSigner signer, String provided,
            String dateLine) {
        Credentials credentials = keys.find(accessKeyId);
        if (credentials == null) {
            return OssError.invalidAccessKeyId(accessKeyId);
        }
        OssError tokenError = checkToken(credentials, request.header("x-oss-security-token"));
        if (tokenError != null) {
            return tokenError;
        }
        SignableRequest signable = signable(request);
        if (dateLine != null) {
            signable.header("Date", dateLine);
        }
        String expected = signer.authorization(signable, credentials);
        String expectedSignature = signatureOf(expected);
        if (MessageDigest.isEqual(expectedSignature.getBytes(StandardCharsets.UTF_8),
                provided.trim().getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        String stringToSign = signer.stringToSign(signable);
        return OssError.of(403, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. "
                        + "Check your key and signing method.")
                .field("StringToSign", stringToSign)
                .field("StringToSignBytes", hexBytes(stringToSign))
                .field("SignatureProvided", provided.trim())
                .field("OSSAccessKeyId", accessKeyId);
    }

    private OssError checkToken(Credentials credentials, String token) {
        boolean expired = keys.expired(credentials, clockMillis.getAsLong());
        if (credentials.securityToken() == null) {
            if (token != null && !token.isEmpty()) {
                return OssError.accessKeyIdAndSecurityTokenNotMatch(credentials.accessKeyId());
            }
            return expired ? OssError.invalidAccessKeyId(credentials.accessKeyId()) : null;
        }
        if (token == null || !MessageDigest.isEqual(credentials.securityToken().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            return OssError.invalidSecurityToken();
        }
        return expired ? OssError.securityTokenExpired() : null;
    }

    /** The signature part of an Authorization value of either version. */
    private static String signatureOf(String authorization) {
        if (authorization.startsWith("OSS4-HMAC-SHA256 ")) {
            V4Authorization v4 = V4Authorization.parse(authorization);
            return v4 == null ? "" : v4.signature;
        }
        return authorization.substring(authorization.lastIndexOf(':') + 1);
    }

    /** The request as the client signed it: method, bucket, raw key, every query parameter and header. */
    static SignableRequest signable(OssRequest request) {
        SignableRequest s = new SignableRequest(request.method(), request.bucket(), request.key());
        for (OssRequest.Param p : request.query()) {
            s.addQuery(p.name, p.value);
        }
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            s.header(h.getKey(), h.getValue());
        }
        return s;
    }

    private static String hexBytes(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }
}
