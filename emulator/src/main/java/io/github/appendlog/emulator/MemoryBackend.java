package io.github.appendlog.emulator;

/** Keeps everything in memory; nothing survives {@link OssEmulator#close()}. */
final class MemoryBackend implements StorageBackend {

    @Override
    public ObjectData createEmpty(String bucket, String key) {
        return new MemoryObjectData();
    }

    @Override
    public ObjectData createWith(String bucket, String key, byte[] content) {
        return new MemoryObjectData(content);
    }

    @Override
    public void saveMetadata(String bucket, ObjectSnapshot object) {
        // nothing to persist
    }

    @Override
    public void delete(String bucket, String key) {
        // the store drops its reference
    }

    @Override
    public void load(String bucket, ObjectSink sink) {
        // starts empty
    }
}
