package io.github.appendlog.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;

/** PutObject, AppendObject, GetObject, HeadObject and DeleteObject on an {@link ObjectStore}. */
final class ObjectOperations {
    private final ObjectStore store;

    ObjectOperations(ObjectStore store) {
        this.store = store;
    }

    Reply put(OssRequest r, byte[] body) throws IOException {
        OssError digest = checkMd5(r, body);
        if (digest != null) {
            return Reply.error(digest);
        }
        if (body.length > store.maxObjectBytes()) {
            return Reply.error(OssError.entityTooLarge(store.maxObjectBytes()));
        }
        ObjectSnapshot s = store.put(r.bucket(), r.key(), body, ObjectHeaders.fromRequest(r::header, r.headers().keySet()));
        return Reply.ok(200).header("ETag", s.etag())
                .header("x-oss-hash-crc64ecma", Long.toUnsignedString(s.crc64()));
    }

    Reply append(OssRequest r, byte[] body) throws IOException {
        String positionText = r.param("position");
        if (positionText == null || positionText.isEmpty()) {
            return Reply.error(OssError.invalidArgument("The position parameter is missing.", "position", "")
                    .ec("0016-00000501"));
        }
        long position;
        try {
            position = Long.parseLong(positionText);
        } catch (NumberFormatException e) {
            position = -1;
        }
        if (position < 0) {
            return Reply.error(OssError.invalidArgument("Position is invalid.", "position", positionText)
                    .ec("0016-00000502"));
        }
        OssError digest = checkMd5(r, body);
        if (digest != null) {
            return Reply.error(digest);
        }
        AppendOutcome outcome = store.append(r.bucket(), r.key(), position, body,
                ObjectHeaders.fromRequest(r::header, r.headers().keySet()));
        switch (outcome.kind()) {
            case POSITION_MISMATCH:
                return Reply.error(OssError.positionNotEqualToLength(outcome.currentLength()));
            case NOT_APPENDABLE:
                return Reply.error(OssError.objectNotAppendable());
            case TOO_LARGE:
                return Reply.error(OssError.entityTooLarge(store.maxObjectBytes()));
            default:
                ObjectSnapshot s = outcome.object();
                return Reply.ok(200)
                        .header("x-oss-next-append-position", Long.toString(s.length()))
                        .header("x-oss-hash-crc64ecma", Long.toUnsignedString(s.crc64()))
                        .header("ETag", s.etag());
        }
    }

    Reply head(OssRequest r) {
        ObjectSnapshot s = store.find(r.bucket(), r.key());
        if (s == null) {
            return Reply.error(OssError.noSuchKey(r.key()));
        }
        return describe(Reply.ok(200), s).entity(new InputStreamEntity(InputStream.nullInputStream(),
                s.length(), contentType(s)));
    }

    Reply get(OssRequest r) throws IOException {
        ObjectSnapshot s = store.find(r.bucket(), r.key());
        if (s == null) {
            return Reply.error(OssError.noSuchKey(r.key()));
        }
        ByteRange range = ByteRange.resolve(r.header("Range"), s.length());
        long from = range == null ? 0 : range.first;
        long length = range == null ? s.length() : range.length();
        Reply reply = describe(Reply.ok(range == null ? 200 : 206), s);
        if (range != null) {
            reply.header("Content-Range", range.contentRange(s.length()));
        }
        return reply.entity(new InputStreamEntity(s.data().open(from, length), length, contentType(s)));
    }

    Reply delete(OssRequest r) throws IOException {
        store.delete(r.bucket(), r.key());
        return Reply.ok(204);
    }

    private static Reply describe(Reply reply, ObjectSnapshot s) {
        for (Map.Entry<String, String> h : s.headers().asMap().entrySet()) {
            if (!h.getKey().equalsIgnoreCase("Content-Type")) {
                reply.header(h.getKey(), h.getValue());
            }
        }
        reply.header("ETag", s.etag())
                .header("Last-Modified", HttpDates.rfc1123(s.lastModifiedMillis()))
                .header("Accept-Ranges", "bytes")
                .header("x-oss-object-type", s.type().wireName())
                .header("x-oss-storage-class", "Standard")
                .header("x-oss-hash-crc64ecma", Long.toUnsignedString(s.crc64()));
        if (s.type() == ObjectType.APPENDABLE) {
            reply.header("x-oss-next-append-position", Long.toString(s.length()));
        }
        return reply;
    }

    private static ContentType contentType(ObjectSnapshot s) {
        try {
            return ContentType.parse(s.headers().contentType());
        } catch (RuntimeException e) {
            return ContentType.APPLICATION_OCTET_STREAM;
        }
    }

    /** 400 InvalidDigest if a Content-MD5 header does not match the body. */
    private static OssError checkMd5(OssRequest r, byte[] body) {
        String md5 = r.header("Content-MD5");
        if (md5 == null || md5.isEmpty()) {
            return null;
        }
        try {
            byte[] actual = MessageDigest.getInstance("MD5").digest(body);
            return md5.trim().equals(Base64.getEncoder().encodeToString(actual)) ? null : OssError.invalidDigest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
