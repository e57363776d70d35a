package io.github.appendlog.emulator;

import java.io.IOException;

/** Where object bytes and metadata live: memory, or a directory that survives a restart. */
interface StorageBackend {

    /** Fresh, empty data for a new Appendable object. */
    ObjectData createEmpty(String bucket, String key) throws IOException;

    /** Data holding {@code content}, replacing whatever the key held. */
    ObjectData createWith(String bucket, String key, byte[] content) throws IOException;

    /** Records the object's metadata (type, headers, a length/CRC checkpoint). */
    void saveMetadata(String bucket, ObjectSnapshot object) throws IOException;

    void delete(String bucket, String key) throws IOException;

    /** Calls {@code sink} with each object found for {@code bucket} (at start). */
    void load(String bucket, ObjectSink sink) throws IOException;

    /** Receives restored objects. */
    interface ObjectSink {
        void restored(String key, ObjectType type, ObjectData data, long crc64, String etag,
                ObjectHeaders headers, long lastModifiedMillis);
    }
}
