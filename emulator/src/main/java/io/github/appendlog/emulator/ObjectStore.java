package io.github.appendlog.emulator;

import io.github.appendlog.oss.Crc64;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.LongSupplier;

/**
 * The buckets and their objects, with OSS's rules for put, append, read, delete and listing.
 * Thread-safe; operations on one key are serialised by that key's lock, different keys never wait
 * for each other. Buckets are created at construction or later with {@link #createBucket}.
 */
final class ObjectStore {
    private final Map<String, ConcurrentNavigableMap<String, StoredObject>> buckets = new ConcurrentSkipListMap<>();
    private final StorageBackend backend;
    private final long maxObjectBytes;
    private final LongSupplier clockMillis;

    ObjectStore(Collection<String> bucketNames, StorageBackend backend, long maxObjectBytes,
            LongSupplier clockMillis) throws IOException {
        this.backend = backend;
        this.maxObjectBytes = maxObjectBytes;
        this.clockMillis = clockMillis;
        for (String name : bucketNames) {
            createBucket(name);
        }
    }

    /** Adds a bucket (with the objects the backend holds for it); false if it exists already. */
    synchronized boolean createBucket(String name) throws IOException {
        if (buckets.containsKey(name)) {
            return false;
        }
        ConcurrentNavigableMap<String, StoredObject> objects = new ConcurrentSkipListMap<>();
        backend.load(name, (key, type, data, crc, etag, headers, lastModified) -> {
            StoredObject o = new StoredObject(key);
            o.restore(type, data, crc, etag, headers, lastModified);
            objects.put(key, o);
        });
        buckets.put(name, objects);
        return true;
    }

    boolean hasBucket(String bucket) {
        return buckets.containsKey(bucket);
    }

    Set<String> bucketNames() {
        return buckets.keySet();
    }

    long maxObjectBytes() {
        return maxObjectBytes;
    }

    /**
     * OSS AppendObject: creates an Appendable object at position 0 (also over an existing empty
     * Appendable one), otherwise requires {@code position} to equal the current length.
     * {@code creationHeaders} are used only when this append creates the object.
     */
    AppendOutcome append(String bucket, String key, long position, byte[] body, ObjectHeaders creationHeaders)
            throws IOException {
        StoredObject o = lock(bucket, key, position == 0);
        if (o == null) {
            return AppendOutcome.positionMismatch(0);
        }
        try {
            if (o.present() && o.type() != ObjectType.APPENDABLE) {
                return AppendOutcome.notAppendable(o.length());
            }
            long length = o.length();
            if (position != length) {
                return AppendOutcome.positionMismatch(length);
            }
            if (length + body.length > maxObjectBytes) {
                return AppendOutcome.tooLarge(length);
            }
            long now = clockMillis.getAsLong();
            if (!o.present()) {
                o.createAppendable(backend.createEmpty(bucket, key), creationHeaders, now);
                backend.saveMetadata(bucket, o.snapshot());
            }
            o.append(body, now);
            return AppendOutcome.appended(o.snapshot());
        } finally {
            unlock(bucket, o);
        }
    }

    /** OSS PutObject: the key now holds a Normal object with exactly {@code body}. */
    ObjectSnapshot put(String bucket, String key, byte[] body, ObjectHeaders headers) throws IOException {
        long crc = Crc64.compute(body, 0, body.length);
        String etag = "\"" + md5Hex(body) + "\"";
        StoredObject o = lock(bucket, key, true);
        try {
            o.replaceWithNormal(backend.createWith(bucket, key, body), crc, etag, headers, clockMillis.getAsLong());
            ObjectSnapshot s = o.snapshot();
            backend.saveMetadata(bucket, s);
            return s;
        } finally {
            unlock(bucket, o);
        }
    }

    /** The object, or null if the key holds none. */
    ObjectSnapshot find(String bucket, String key) {
        StoredObject o = lock(bucket, key, false);
        if (o == null) {
            return null;
        }
        try {
            return o.present() ? o.snapshot() : null;
        } finally {
            unlock(bucket, o);
        }
    }

    /** Removes the object; false if there was none. */
    boolean delete(String bucket, String key) throws IOException {
        StoredObject o = lock(bucket, key, false);
        if (o == null) {
            return false;
        }
        try {
            boolean existed = o.present();
            if (existed) {
                // files go before the entry leaves the map, so a new object for the key starts clean
                backend.delete(bucket, key);
                o.markRemoved();
            }
            return existed;
        } finally {
            unlock(bucket, o);
        }
    }

    /**
     * The objects whose key starts with {@code prefix} and sorts after {@code after} (if not null),
     * in key order, read lazily.
     */
    Iterator<ObjectSnapshot> iterate(String bucket, String prefix, String after) {
        ConcurrentNavigableMap<String, StoredObject> objects = buckets.get(bucket);
        Iterator<String> keys = (after != null && after.compareTo(prefix) >= 0
                ? objects.tailMap(after, false) : objects.tailMap(prefix, true)).keySet().iterator();
        return new Iterator<>() {
            private ObjectSnapshot next = advance();

            private ObjectSnapshot advance() {
                while (keys.hasNext()) {
                    String key = keys.next();
                    if (!key.startsWith(prefix)) {
                        return null;
                    }
                    ObjectSnapshot s = find(bucket, key);
                    if (s != null) {
                        return s;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public ObjectSnapshot next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                ObjectSnapshot current = next;
                next = advance();
                return current;
            }
        };
    }

    /** Writes every object's metadata checkpoint (the directory backend keeps length and CRC). */
    void checkpoint() throws IOException {
        for (Map.Entry<String, ConcurrentNavigableMap<String, StoredObject>> b : buckets.entrySet()) {
            for (StoredObject o : b.getValue().values()) {
                ObjectSnapshot s = find(b.getKey(), o.key());
                if (s != null) {
                    backend.saveMetadata(b.getKey(), s);
                }
            }
        }
    }

    /** The key's entry, locked; created as a placeholder if {@code create}; null otherwise if absent. */
    private StoredObject lock(String bucket, String key, boolean create) {
        ConcurrentNavigableMap<String, StoredObject> objects = buckets.get(bucket);
        while (true) {
            StoredObject o = objects.get(key);
            if (o == null) {
                if (!create) {
                    return null;
                }
                StoredObject fresh = new StoredObject(key);
                StoredObject raced = objects.putIfAbsent(key, fresh);
                o = raced == null ? fresh : raced;
            }
            o.lock.lock();
            if (!o.removed()) {
                return o;
            }
            o.lock.unlock();
        }
    }

    /** Unlocks, first dropping the entry from its bucket if it holds no object (placeholder or deleted). */
    private void unlock(String bucket, StoredObject o) {
        try {
            if (!o.present()) {
                o.markRemoved();
                buckets.get(bucket).remove(o.key(), o);
            }
        } finally {
            o.lock.unlock();
        }
    }

    static String md5Hex(byte[] body) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(body);
            StringBuilder sb = new StringBuilder(32);
            for (byte b : d) {
                sb.append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
