package io.github.appendlog.store;

/** What a HEAD tells about an existing object. */
public final class ObjectInfo {
    private final long length;
    private final String type;
    private final boolean appendable;
    private final long checksum;
    private final boolean hasChecksum;

    /**
     * @param type the store's name for the object's type, for messages (OSS: {@code x-oss-object-type})
     * @param appendable whether appends at its length are accepted
     * @param checksum the whole object's checksum ({@link AppendStore#checksum()}), if {@code hasChecksum}
     */
    public ObjectInfo(long length, String type, boolean appendable, long checksum, boolean hasChecksum) {
        this.length = length;
        this.type = type;
        this.appendable = appendable;
        this.checksum = checksum;
        this.hasChecksum = hasChecksum;
    }

    public long length() {
        return length;
    }

    /** The store's name for the type, e.g. OSS's Appendable, Normal, Multipart, Symlink. */
    public String type() {
        return type;
    }

    public boolean appendable() {
        return appendable;
    }

    public long checksum() {
        return checksum;
    }

    public boolean hasChecksum() {
        return hasChecksum;
    }

    @Override
    public String toString() {
        return "ObjectInfo{length=" + length + ", type=" + type + ", checksum="
                + (hasChecksum ? Long.toUnsignedString(checksum) : "none") + "}";
    }
}
