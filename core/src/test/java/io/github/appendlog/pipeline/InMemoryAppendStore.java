package io.github.appendlog.pipeline;

import io.github.appendlog.oss.Crc64;
import io.github.appendlog.store.AppendReply;
import io.github.appendlog.store.AppendStore;
import io.github.appendlog.store.ObjectChecksum;
import io.github.appendlog.store.ObjectInfo;
import io.github.appendlog.store.StoreErrorKind;
import io.github.appendlog.oss.OssServiceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A store in memory that behaves like OSS append objects and can be told to be down, refuse
 * credentials, hang, or hold objects that are not appendable.
 */
public final class InMemoryAppendStore implements AppendStore {
    private final Map<String, StoredObject> objects = new TreeMap<>();
    private volatile boolean down;
    private volatile boolean authFailing;
    private volatile CountDownLatch hang;
    private volatile boolean closed;
    private volatile Consumer<String> onAppend = key -> { };
    final AtomicInteger appendCalls = new AtomicInteger();
    /** List calls (each one listing, all pages). */
    public final AtomicInteger listCalls = new AtomicInteger();
    /** HEAD calls. */
    public final AtomicInteger headCalls = new AtomicInteger();
    /** Every append, HEAD and list, counted before it hangs or fails. */
    final AtomicInteger requests = new AtomicInteger();
    final Set<String> callingThreads = ConcurrentHashMap.newKeySet();

    private static final class StoredObject {
        final boolean appendable;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long crc;

        StoredObject(boolean appendable) {
            this.appendable = appendable;
        }
    }

    public void down(boolean down) {
        this.down = down;
    }

    public void authFailing(boolean failing) {
        this.authFailing = failing;
    }

    /** Appends block until {@link #release()} or {@link #close()}. */
    public void hang() {
        hang = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch h = hang;
        hang = null;
        if (h != null) {
            h.countDown();
        }
    }

    /** Runs on the calling (sender) thread at each append, before it is applied. */
    public void onAppend(Consumer<String> action) {
        this.onAppend = action;
    }

    public synchronized void putNormal(String key, String content) {
        StoredObject o = new StoredObject(false);
        o.bytes.writeBytes(content.getBytes(StandardCharsets.UTF_8));
        objects.put(key, o);
    }

    public synchronized void putAppendable(String key, String content) {
        StoredObject o = new StoredObject(true);
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        o.bytes.writeBytes(b);
        o.crc = Crc64.compute(b, 0, b.length);
        objects.put(key, o);
    }

    /** The object's content, or null. */
    public synchronized String text(String key) {
        StoredObject o = objects.get(key);
        return o == null ? null : new String(o.bytes.toByteArray(), StandardCharsets.UTF_8);
    }

    /** The object's bytes, or null. */
    public synchronized byte[] bytes(String key) {
        StoredObject o = objects.get(key);
        return o == null ? null : o.bytes.toByteArray();
    }

    public synchronized List<String> keys() {
        return new ArrayList<>(objects.keySet());
    }

    /** All appendable objects' content in key order. */
    public synchronized String allText() {
        StringBuilder sb = new StringBuilder();
        objects.forEach((k, o) -> {
            if (o.appendable) {
                sb.append(new String(o.bytes.toByteArray(), StandardCharsets.UTF_8));
            }
        });
        return sb.toString();
    }

    @Override
    public AppendReply append(String key, long position, byte[] data, int offset, int length, long deadlineNanos)
            throws IOException, OssServiceException {
        appendCalls.incrementAndGet();
        requests.incrementAndGet();
        onAppend.accept(key);
        awaitIfHanging();
        callingThreads.add(Thread.currentThread().getName());
        synchronized (this) {
            checkAvailable();
            StoredObject o = objects.get(key);
            if (o != null && !o.appendable) {
                throw new OssServiceException("ObjectNotAppendable", 409, "ObjectNotAppendable", "r", StoreErrorKind.NOT_APPENDABLE, -1);
            }
            long length0 = o == null ? 0 : o.bytes.size();
            if (position != length0) {
                throw new OssServiceException("PositionNotEqualToLength", 409, "PositionNotEqualToLength", "r",
                        StoreErrorKind.POSITION_MISMATCH, length0);
            }
            if (o == null) {
                o = new StoredObject(true);
                objects.put(key, o);
            }
            o.bytes.write(data, offset, length);
            o.crc = Crc64.update(o.crc, data, offset, length);
            return new AppendReply(o.bytes.size(), o.crc, true, "r");
        }
    }

    @Override
    public ObjectInfo head(String key, long deadlineNanos) throws IOException, OssServiceException {
        requests.incrementAndGet();
        headCalls.incrementAndGet();
        awaitIfHanging();
        synchronized (this) {
            checkAvailable();
            StoredObject o = objects.get(key);
            return o == null ? null : new ObjectInfo(o.bytes.size(), o.appendable ? "Appendable" : "Normal", o.appendable, o.crc,
                    o.appendable);
        }
    }

    @Override
    public synchronized byte[] getRange(String key, long first, long lastInclusive, long deadlineNanos)
            throws IOException, OssServiceException {
        checkAvailable();
        StoredObject o = objects.get(key);
        if (o == null) {
            throw new OssServiceException("NoSuchKey", 404, "NoSuchKey", "r", StoreErrorKind.NO_SUCH_KEY, -1);
        }
        byte[] all = o.bytes.toByteArray();
        int end = (int) Math.min(all.length - 1, lastInclusive);
        byte[] out = new byte[Math.max(0, end - (int) first + 1)];
        System.arraycopy(all, (int) first, out, 0, out.length);
        return out;
    }

    @Override
    public synchronized List<String> list(String prefix, long deadlineNanos) throws IOException, OssServiceException {
        listCalls.incrementAndGet();
        requests.incrementAndGet();
        checkAvailable();
        List<String> keys = new ArrayList<>();
        for (String key : objects.keySet()) {
            if (key.startsWith(prefix)) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** Deletes the object, as a user or a lifecycle rule would. */
    public synchronized void delete(String key) {
        objects.remove(key);
    }

    private void awaitIfHanging() throws IOException {
        CountDownLatch h = hang;
        if (h != null) {
            try {
                h.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted");
            }
            if (closed) {
                throw new IOException("client closed");
            }
        }
    }

    private void checkAvailable() throws IOException, OssServiceException {
        if (closed) {
            throw new IOException("client closed");
        }
        if (down) {
            throw new IOException("Connection refused");
        }
        if (authFailing) {
            throw new OssServiceException("SignatureDoesNotMatch: check accessKeySecret for key test-id", 403,
                    "SignatureDoesNotMatch", "r", StoreErrorKind.AUTH_FAILED, -1);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** Usable again after a pipeline's stop closed it (the next pipeline finds the same objects). */
    public void reopen() {
        closed = false;
    }

    @Override
    public void close() {
        closed = true;
        release();
    }

    @Override
    public ObjectChecksum checksum() {
        return Crc64.CHECKSUM;
    }

    @Override
    public String location(String key) {
        return "oss://logs/" + key;
    }

    @Override
    public String describe() {
        return "oss://logs in memory";
    }
}
