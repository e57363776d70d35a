package io.github.appendlog.emulator;

import io.github.appendlog.oss.Crc64;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One key's mutable state. Every read or change happens with {@link #lock} held (the store takes
 * it); a fresh entry is a placeholder until an operation makes it {@link #present()}, and an entry
 * is {@link #removed()} once taken out of its bucket, after which nobody may use it.
 */
final class StoredObject {
    final ReentrantLock lock = new ReentrantLock();
    private final String key;
    private boolean present;
    private boolean removed;
    private ObjectType type;
    private ObjectData data;
    private long crc64;
    private String normalEtag;
    private long lastModifiedMillis;
    private ObjectHeaders headers;

    StoredObject(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    boolean present() {
        return present;
    }

    boolean removed() {
        return removed;
    }

    void markRemoved() {
        removed = true;
        present = false;
        data = null;
    }

    ObjectType type() {
        return type;
    }

    long length() {
        return present ? data.length() : 0;
    }

    /** Makes this an empty Appendable object. */
    void createAppendable(ObjectData emptyData, ObjectHeaders creationHeaders, long nowMillis) {
        set(ObjectType.APPENDABLE, emptyData, 0L, null, creationHeaders, nowMillis);
    }

    /** Makes this a Normal object holding {@code content}. */
    void replaceWithNormal(ObjectData content, long crc, String md5Etag, ObjectHeaders h, long nowMillis) {
        set(ObjectType.NORMAL, content, crc, md5Etag, h, nowMillis);
    }

    /** Restores a persisted object. */
    void restore(ObjectType t, ObjectData d, long crc, String etag, ObjectHeaders h, long lastModified) {
        set(t, d, crc, etag, h, lastModified);
    }

    private void set(ObjectType t, ObjectData d, long crc, String etag, ObjectHeaders h, long now) {
        this.type = t;
        this.data = d;
        this.crc64 = crc;
        this.normalEtag = etag;
        this.headers = h;
        this.lastModifiedMillis = now;
        this.present = true;
    }

    /** Appends and continues the running CRC over the new bytes only. */
    void append(byte[] body, long nowMillis) throws IOException {
        data.append(body, 0, body.length);
        crc64 = Crc64.update(crc64, body, 0, body.length);
        lastModifiedMillis = nowMillis;
    }

    ObjectSnapshot snapshot() {
        long length = data.length();
        String etag = type == ObjectType.NORMAL ? normalEtag : appendableEtag(crc64, length);
        return new ObjectSnapshot(key, type, length, crc64, etag, lastModifiedMillis, headers, data);
    }

    /** An opaque ETag that changes with every append (OSS's is not an MD5 either). */
    private static String appendableEtag(long crc, long length) {
        return String.format(Locale.ROOT, "\"%016X%016X\"", crc, length);
    }
}
