package io.github.appendlog.oss;

import io.github.appendlog.store.StoreErrorKind;

/**
 * Turns an {@link OssErrorReply} into an {@link OssServiceException} with the right
 * {@link StoreErrorKind} and a message that tells the user what to check. Messages name the access
 * key id, bucket, key and endpoint, never the secret or the security token.
 */
final class OssErrorClassifier {
    private final String bucket;
    private final String endpoint;
    private final java.util.function.Supplier<String> accessKeyId;
    private final String region;

    /**
     * @param region the V4 signing region, or null with V1 signing
     */
    OssErrorClassifier(String bucket, String endpoint, String accessKeyId, String region) {
        this(bucket, endpoint, () -> accessKeyId, region);
    }

    /** @param accessKeyId the key id in use now (a credentials file may rotate it) */
    OssErrorClassifier(String bucket, String endpoint, java.util.function.Supplier<String> accessKeyId, String region) {
        this.bucket = bucket;
        this.endpoint = endpoint;
        this.accessKeyId = accessKeyId;
        this.region = region;
    }

    /** What an error reply means for a writer. */
    static StoreErrorKind kind(int status, String code) {
        if (code != null) {
            switch (code) {
                case "PositionNotEqualToLength":
                    return StoreErrorKind.POSITION_MISMATCH;
                case "ObjectNotAppendable":
                    return StoreErrorKind.NOT_APPENDABLE;
                case "NoSuchBucket":
                    return StoreErrorKind.NO_SUCH_BUCKET;
                case "NoSuchKey":
                    return StoreErrorKind.NO_SUCH_KEY;
                case "SlowDown":
                case "TooManyRequests":
                case "Throttling":
                case "RequestThrottled":
                    return StoreErrorKind.THROTTLED;
                case "EntityTooLarge":
                case "ObjectTooLarge":
                case "FileTooLarge":
                case "ObjectSizeLimitExceeded":
                    return StoreErrorKind.SIZE_LIMIT;
                case "RequestTimeout":
                    return StoreErrorKind.TRANSIENT;
                default:
                    break;
            }
        }
        if (status == 401 || status == 403) {
            return StoreErrorKind.AUTH_FAILED;
        }
        if (status == 429) {
            return StoreErrorKind.THROTTLED;
        }
        if (status >= 500 || status == 408) {
            return StoreErrorKind.TRANSIENT;
        }
        if (status == 404) {
            return StoreErrorKind.NO_SUCH_KEY;
        }
        return StoreErrorKind.BAD_REQUEST;
    }

    /**
     * @param operation what was attempted, e.g. {@code append to 'k' at position 5}
     * @param key the object key
     */
    OssServiceException toException(OssErrorReply reply, String operation, String key) {
        String code = reply.code();
        StoreErrorKind kind = kind(reply.status(), code);
        String advice = advice(reply, code, kind, key);
        String message = (code != null ? code : "HTTP " + reply.status()) + ": " + advice + " [" + operation
                + "; HTTP " + reply.status() + (reply.ec() != null ? ", EC " + reply.ec() : "")
                + ", request id " + reply.requestId() + "]";
        return new OssServiceException(message, reply.status(), code, reply.requestId(), kind,
                reply.nextAppendPosition());
    }

    private String advice(OssErrorReply reply, String code, StoreErrorKind kind, String key) {
        String accessKeyId = this.accessKeyId.get();
        String server = reply.message() != null ? " (OSS says: " + reply.message() + ")" : "";
        if (code == null) {
            switch (kind) {
                case AUTH_FAILED:
                    return "access denied without details; check accessKeyId " + accessKeyId
                            + ", accessKeySecret, securityToken and the permissions on bucket '" + bucket + "'";
                case THROTTLED:
                    return "the store asks to slow down";
                case TRANSIENT:
                    return "the store had a temporary problem";
                default:
                    return "the store refused the request" + server;
            }
        }
        if (reply.endpoint() != null) {
            return "bucket '" + bucket + "' must be addressed through endpoint " + reply.endpoint()
                    + "; check endpoint and region (configured: " + endpoint + ")" + server;
        }
        switch (code) {
            case "PermanentRedirect":
            case "TemporaryRedirect":
                return "OSS redirects requests for bucket '" + bucket + "' elsewhere; check endpoint and region"
                        + " (configured: " + endpoint + ")" + server;
            case "SignatureDoesNotMatch":
                return "the signature OSS computed differs from ours; check accessKeySecret for access key id "
                        + accessKeyId + (region != null ? " and that region '" + region + "' is the bucket's region" : "");
            case "InvalidAccessKeyId":
                return "OSS does not know access key id " + accessKeyId + "; check accessKeyId" + server;
            case "AccessDenied":
                return "access key id " + accessKeyId + " may not do this; check its RAM policy grants oss:PutObject,"
                        + " oss:GetObject and oss:ListObjects on bucket '" + bucket + "'" + server;
            case "RequestTimeTooSkewed":
                return "this host's clock differs from OSS time by more than 15 minutes; fix the clock (NTP)";
            case "SecurityTokenExpired":
            case "InvalidSecurityToken":
                return "the STS security token was refused; check securityToken and refresh it before it expires"
                        + server;
            case "NoSuchBucket":
                return "bucket '" + bucket + "' does not exist at " + endpoint + "; check bucket and endpoint/region";
            case "ObjectNotAppendable":
                return "object '" + key + "' in bucket '" + bucket + "' is not an appendable object (PutObject or a"
                        + " multipart upload wrote it); appendlog rolls over to the next key";
            case "PositionNotEqualToLength":
                return "object '" + key + "' is " + (reply.nextAppendPosition() >= 0
                        ? reply.nextAppendPosition() + " bytes long" : "of another length")
                        + ", not the position appended at (another writer appended, or an earlier append landed)";
            default:
                if (kind == StoreErrorKind.SIZE_LIMIT) {
                    return "object '" + key + "' reached the store's maximum size" + server;
                }
                return (reply.message() != null ? reply.message() : "the store refused the request");
        }
    }
}
