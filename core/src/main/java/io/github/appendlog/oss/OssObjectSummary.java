package io.github.appendlog.oss;

import java.util.Objects;

/**
 * One object of a ListObjectsV2 reply: its key, size, last-modified time and type, as OSS lists
 * them. The type is {@code Appendable}, {@code Normal}, {@code Multipart} or {@code Symlink}, or null
 * when the listing does not say (then a HEAD tells it).
 */
public final class OssObjectSummary {
    private final String key;
    private final long size;
    private final String lastModified;
    private final String type;

    /**
     * @param lastModified the listing's ISO 8601 text, e.g. {@code 2024-05-06T07:08:09.000Z}, or null
     * @param type the listing's {@code Type}, or null
     */
    public OssObjectSummary(String key, long size, String lastModified, String type) {
        this.key = Objects.requireNonNull(key, "key");
        this.size = size;
        this.lastModified = lastModified;
        this.type = type;
    }

    public String key() {
        return key;
    }

    /** The object's length in bytes; -1 when the listing does not say. */
    public long size() {
        return size;
    }

    /** ISO 8601 text as listed, or null. */
    public String lastModified() {
        return lastModified;
    }

    /** The listed type, or null when the listing has none. */
    public String type() {
        return type;
    }

    @Override
    public String toString() {
        return "OssObjectSummary{" + key + ", size=" + size + ", lastModified=" + lastModified + ", type=" + type + "}";
    }
}
