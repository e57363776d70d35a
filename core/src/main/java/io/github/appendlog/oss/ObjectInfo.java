package io.github.appendlog.oss;

/** What HEAD tells about an existing object. */
public final class ObjectInfo {
    private final long length;
    private final String objectType;
    private final long crc64;
    private final boolean hasCrc64;

    public ObjectInfo(long length, String objectType, long crc64, boolean hasCrc64) {
        this.length = length;
        this.objectType = objectType;
        this.crc64 = crc64;
        this.hasCrc64 = hasCrc64;
    }

    public long length() {
        return length;
    }

    /** {@code x-oss-object-type}: Appendable, Normal, Multipart, Symlink. */
    public String objectType() {
        return objectType;
    }

    public boolean appendable() {
        return "Appendable".equalsIgnoreCase(objectType);
    }

    public long crc64() {
        return crc64;
    }

    public boolean hasCrc64() {
        return hasCrc64;
    }

    @Override
    public String toString() {
        return "ObjectInfo{length=" + length + ", objectType=" + objectType + ", crc64="
                + (hasCrc64 ? Long.toUnsignedString(crc64) : "none") + "}";
    }
}
