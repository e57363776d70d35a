package io.github.appendlog.oss;

import io.github.appendlog.store.ObjectInfo;
import io.github.appendlog.store.AppendReply;
import io.github.appendlog.store.AppendStore;
import io.github.appendlog.store.ObjectChecksum;
import io.github.appendlog.store.StoreErrorKind;
import io.github.appendlog.oss.Crc64;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An in-memory append store with fault injection, for writer tests. Faults are queued per operation
 * and consumed one per call, in order. Every call is recorded in {@link #calls()}.
 */
public final class FakeAppendStore implements AppendStore {

    /** The store operations faults attach to. */
    public enum Op { APPEND, HEAD, GET, LIST }

    private interface Fault {
        /** Returns {@link #PROCEED} to carry on with the normal call, or the reply to give instead. */
        Object apply(FakeAppendStore store, Call call) throws IOException, OssServiceException;
    }

    /** What a call asked for. */
    private static final class Call {
        final String key;
        final long position;
        final byte[] data;

        Call(String key, long position, byte[] data) {
            this.key = key;
            this.position = position;
            this.data = data;
        }
    }

    private static final Object PROCEED = new Object();

    private static final class StoredObject {
        final ByteArrayOutputStream content = new ByteArrayOutputStream();
        String type = "Appendable";
    }

    private final Map<String, StoredObject> objects = new HashMap<>();
    private final Map<Op, Deque<Fault>> faults = new EnumMap<>(Op.class);
    private final List<String> calls = new ArrayList<>();
    private final List<Long> deadlines = new ArrayList<>();
    private final List<Boolean> creatingFlags = new ArrayList<>();
    private long maxObjectBytes = Long.MAX_VALUE;
    private boolean omitCrc;

    public FakeAppendStore() {
        for (Op op : Op.values()) {
            faults.put(op, new ArrayDeque<>());
        }
    }

    // ---- fault injection -------------------------------------------------------------------

    /** The next call of {@code op} throws an IOException without doing anything. */
    public synchronized FakeAppendStore failBefore(Op op) {
        faults.get(op).add((s, c) -> {
            throw new IOException("injected: connection reset before " + op);
        });
        return this;
    }

    /** The next append is applied, then the reply is lost (IOException). */
    public synchronized FakeAppendStore applyThenDrop() {
        faults.get(Op.APPEND).add((s, c) -> {
            s.doAppend(c);
            throw new IOException("injected: reply lost after the append was applied");
        });
        return this;
    }

    /** The next append is applied, then a 500 comes back. */
    public synchronized FakeAppendStore applyThen500() {
        faults.get(Op.APPEND).add((s, c) -> {
            s.doAppend(c);
            throw error(500, "InternalError", StoreErrorKind.TRANSIENT, -1);
        });
        return this;
    }

    /** The next call of {@code op} gets an error reply without doing anything. */
    public synchronized FakeAppendStore failWith(Op op, int status, String code, StoreErrorKind kind) {
        faults.get(op).add((s, c) -> {
            throw error(status, code, kind, -1);
        });
        return this;
    }

    /** Before the next call of {@code op}, {@code action} runs (e.g. another writer appends). */
    public synchronized FakeAppendStore before(Op op, Consumer<FakeAppendStore> action) {
        faults.get(op).add((s, c) -> {
            action.accept(s);
            return PROCEED;
        });
        return this;
    }

    /** The next append is applied, but the reply carries a wrong CRC. */
    public synchronized FakeAppendStore wrongCrcReply() {
        faults.get(Op.APPEND).add((s, c) -> {
            AppendReply r = s.doAppend(c);
            return new AppendReply(r.nextPosition(), r.checksum() ^ 1, true, "req-bad-crc");
        });
        return this;
    }

    /** The next append stores flipped bytes (corruption in transit) and replies 200. */
    public synchronized FakeAppendStore corruptNextAppend() {
        faults.get(Op.APPEND).add((s, c) -> {
            byte[] flipped = c.data.clone();
            flipped[0] ^= 0x55;
            return s.doAppend(new Call(c.key, c.position, flipped));
        });
        return this;
    }

    /** The next call of {@code op} proceeds normally (to skip over a call in a fault sequence). */
    public synchronized FakeAppendStore pass(Op op) {
        faults.get(op).add((s, c) -> PROCEED);
        return this;
    }

    public synchronized FakeAppendStore maxObjectBytes(long max) {
        this.maxObjectBytes = max;
        return this;
    }

    /** Replies and HEADs carry no CRC header. */
    public synchronized FakeAppendStore omitCrc(boolean omit) {
        this.omitCrc = omit;
        return this;
    }

    // ---- direct manipulation (another writer, an operator) -------------------------------------

    /** Appends as another writer would, bypassing faults and the call log. */
    public synchronized void appendDirect(String key, byte[] data) {
        objects.computeIfAbsent(key, k -> new StoredObject()).content.writeBytes(data);
    }

    /** Replaces the key with a Normal object (PutObject). */
    public synchronized void putNormal(String key, byte[] data) {
        StoredObject o = new StoredObject();
        o.type = "Normal";
        o.content.writeBytes(data);
        objects.put(key, o);
    }

    /** Replaces the key with a fresh Appendable object holding {@code data}. */
    public synchronized void replaceAppendable(String key, byte[] data) {
        StoredObject o = new StoredObject();
        o.content.writeBytes(data);
        objects.put(key, o);
    }

    public synchronized void delete(String key) {
        objects.remove(key);
    }

    public synchronized byte[] bytes(String key) {
        StoredObject o = objects.get(key);
        return o == null ? null : o.content.toByteArray();
    }

    public synchronized long crc(String key) {
        byte[] b = bytes(key);
        return b == null ? 0 : Crc64.compute(b, 0, b.length);
    }

    /** The deadline each call was given, in call order. */
    public synchronized List<Long> deadlines() {
        return new ArrayList<>(deadlines);
    }

    public synchronized List<String> calls() {
        return Collections.unmodifiableList(new ArrayList<>(calls));
    }

    public synchronized long count(Op op) {
        return calls.stream().filter(c -> c.startsWith(op.name())).count();
    }

    /** The {@code creating} flag of each append call, in order. */
    public synchronized List<Boolean> creatingFlags() {
        return new ArrayList<>(creatingFlags);
    }

    // ---- AppendStore ------------------------------------------------------------------

    @Override
    public synchronized AppendReply append(String key, long position, byte[] data, int offset, int length,
            long deadlineNanos) throws IOException, OssServiceException {
        calls.add("APPEND " + key + " " + position + " " + length);
        deadlines.add(deadlineNanos);
        creatingFlags.add(position == 0);
        Call call = new Call(key, position, Arrays.copyOfRange(data, offset, offset + length));
        Object faulted = runFault(Op.APPEND, call);
        if (faulted != PROCEED) {
            return (AppendReply) faulted;
        }
        return doAppend(call);
    }

    @Override
    public synchronized ObjectInfo head(String key, long deadlineNanos) throws IOException, OssServiceException {
        calls.add("HEAD " + key);
        deadlines.add(deadlineNanos);
        runFault(Op.HEAD, new Call(key, -1, null));
        StoredObject o = objects.get(key);
        if (o == null) {
            return null;
        }
        byte[] b = o.content.toByteArray();
        return new ObjectInfo(b.length, o.type, "Appendable".equals(o.type), Crc64.compute(b, 0, b.length), !omitCrc);
    }

    @Override
    public synchronized byte[] getRange(String key, long first, long lastInclusive, long deadlineNanos)
            throws IOException, OssServiceException {
        calls.add("GET " + key + " " + first + "-" + lastInclusive);
        deadlines.add(deadlineNanos);
        runFault(Op.GET, new Call(key, first, null));
        StoredObject o = objects.get(key);
        if (o == null) {
            throw error(404, "NoSuchKey", StoreErrorKind.NO_SUCH_KEY, -1);
        }
        byte[] b = o.content.toByteArray();
        if (first >= b.length) {
            throw error(416, "InvalidRange", StoreErrorKind.BAD_REQUEST, -1);
        }
        return Arrays.copyOfRange(b, (int) first, (int) Math.min(b.length, lastInclusive + 1));
    }

    @Override
    public synchronized List<String> list(String prefix, long deadlineNanos) throws IOException, OssServiceException {
        calls.add("LIST " + prefix);
        deadlines.add(deadlineNanos);
        runFault(Op.LIST, new Call(prefix, -1, null));
        List<String> keys = new ArrayList<>();
        for (String key : new java.util.TreeSet<>(objects.keySet())) {
            if (key.startsWith(prefix)) {
                keys.add(key);
            }
        }
        return keys;
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
        return "fake store";
    }

    @Override
    public void close() {
    }

    private Object runFault(Op op, Call call) throws IOException, OssServiceException {
        Fault fault = faults.get(op).poll();
        return fault == null ? PROCEED : fault.apply(this, call);
    }

    private AppendReply doAppend(Call call) throws OssServiceException {
        StoredObject o = objects.get(call.key);
        long length = o == null ? 0 : o.content.size();
        if (o != null && !"Appendable".equals(o.type)) {
            throw error(409, "ObjectNotAppendable", StoreErrorKind.NOT_APPENDABLE, -1);
        }
        if (call.position != length) {
            throw error(409, "PositionNotEqualToLength", StoreErrorKind.POSITION_MISMATCH, length);
        }
        if (length + call.data.length > maxObjectBytes) {
            throw error(409, "ObjectTooLarge", StoreErrorKind.SIZE_LIMIT, -1);
        }
        if (o == null) {
            o = new StoredObject();
            objects.put(call.key, o);
        }
        o.content.writeBytes(call.data);
        byte[] b = o.content.toByteArray();
        return new AppendReply(b.length, omitCrc ? 0 : Crc64.compute(b, 0, b.length), !omitCrc, "req-" + calls.size());
    }

    private static OssServiceException error(int status, String code, StoreErrorKind kind, long next) {
        return new OssServiceException(code + ": injected", status, code, "req-fault", kind, next);
    }
}
