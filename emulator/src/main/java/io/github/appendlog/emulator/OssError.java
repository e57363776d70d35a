package io.github.appendlog.emulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An OSS error reply: HTTP status, code, message, optional EC (error-center id), extra body fields
 * and extra headers. Rendered by {@link ErrorXml}. Never holds a secret.
 */
final class OssError {
    private final int status;
    private final String code;
    private final String message;
    private String ec;
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    private OssError(int status, String code, String message) {
        this.status = status;
        this.code = code;
        this.message = message;
    }

    static OssError of(int status, String code, String message) {
        return new OssError(status, code, message);
    }

    OssError ec(String errorCenterId) {
        this.ec = errorCenterId;
        return this;
    }

    /** An extra element of the XML body, after HostId. */
    OssError field(String name, String value) {
        fields.put(name, value);
        return this;
    }

    OssError header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    String message() {
        return message;
    }

    String ec() {
        return ec;
    }

    Map<String, String> fields() {
        return Collections.unmodifiableMap(fields);
    }

    Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    // ---- the codes the emulator answers with (HTTP status, code and EC as OSS uses them) ----

    static OssError noSuchBucket(String bucket) {
        return of(404, "NoSuchBucket", "The specified bucket does not exist.")
                .ec("0015-00000101").field("BucketName", bucket);
    }

    static OssError noSuchKey(String key) {
        return of(404, "NoSuchKey", "The specified key does not exist.").ec("0026-00000001").field("Key", key);
    }

    static OssError positionNotEqualToLength(long length) {
        return of(409, "PositionNotEqualToLength", "Position is not equal to file length")
                .ec("0026-00000016").header("x-oss-next-append-position", Long.toString(length));
    }

    static OssError objectNotAppendable() {
        return of(409, "ObjectNotAppendable", "The object is not appendable").ec("0026-00000017");
    }

    /**
     * The append would take the object past the maximum object size. OSS documents the 5 GB limit
     * for appendable objects but no error specific to it; its generic "upload too large" error is
     * 400 EntityTooLarge, which is what the emulator answers.
     */
    static OssError entityTooLarge(long maxObjectBytes) {
        return of(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size")
                .field("MaxSizeAllowed", Long.toString(maxObjectBytes));
    }

    static OssError invalidArgument(String message, String name, String value) {
        return of(400, "InvalidArgument", message).field("ArgumentName", name)
                .field("ArgumentValue", value == null ? "" : value);
    }

    static OssError accessDenied(String message) {
        return of(403, "AccessDenied", message);
    }

    /** An unknown key id, or a temporary one (without a token) past its expiry. */
    static OssError invalidAccessKeyId(String accessKeyId) {
        return of(403, "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.")
                .ec("0002-00000002").field("OSSAccessKeyId", accessKeyId);
    }

    /** A key pair that has a token, with another token or none. */
    static OssError invalidSecurityToken() {
        return of(403, "InvalidSecurityToken", "The security token you provided is invalid.").ec("0002-00000006");
    }

    /** A key pair's right token, past its expiry. */
    static OssError securityTokenExpired() {
        return of(403, "SecurityTokenExpired", "The security token you provided has expired.").ec("0002-00000007");
    }

    /** A token sent with a key pair that has none. */
    static OssError accessKeyIdAndSecurityTokenNotMatch(String accessKeyId) {
        return of(403, "AccessKeyIdAndSecurityTokenNotMatch",
                "The OSS access key id and security token you provided does not match.")
                .ec("0002-00000004").field("OSSAccessKeyId", accessKeyId);
    }

    static OssError requestTimeTooSkewed(String requestTime, String serverTime) {
        return of(403, "RequestTimeTooSkewed",
                "The difference between the request time and the current time is too large.")
                .field("RequestTime", requestTime).field("ServerTime", serverTime)
                .field("MaxAllowedSkewMilliseconds", "900000");
    }

    static OssError invalidDigest() {
        return of(400, "InvalidDigest", "The Content-MD5 you specified was invalid.");
    }

    static OssError notImplemented() {
        return of(501, "NotImplemented", "This operation is not implemented by the appendlog emulator.");
    }

    static OssError internalError() {
        return of(500, "InternalError", "We encountered an internal error. Please try again.");
    }
}
