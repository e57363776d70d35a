package io.github.appendlog.emulator;

/** An immutable view of an object at one moment: what HEAD, GET and listing report. */
final class ObjectSnapshot {
    private final String key;
    private final ObjectType type;
    private final long length;
    private final long crc64;
    private final String etag;
    private final long lastModifiedMillis;
    private final ObjectHeaders headers;
    private final ObjectData data;

    ObjectSnapshot(String key, ObjectType type, long length, long crc64, String etag,
            long lastModifiedMillis, ObjectHeaders headers, ObjectData data) {
        this.key = key;
        this.type = type;
        this.length = length;
        this.crc64 = crc64;
        this.etag = etag;
        this.lastModifiedMillis = lastModifiedMillis;
        this.headers = headers;
        this.data = data;
    }

    String key() {
        return key;
    }

    ObjectType type() {
        return type;
    }

    long length() {
        return length;
    }

    /** CRC-64/ECMA of the whole object, unsigned in a long. */
    long crc64() {
        return crc64;
    }

    /** The quoted ETag, as sent in the header. */
    String etag() {
        return etag;
    }

    long lastModifiedMillis() {
        return lastModifiedMillis;
    }

    ObjectHeaders headers() {
        return headers;
    }

    /** The bytes; read only below {@link #length()}. */
    ObjectData data() {
        return data;
    }
}
