package io.github.appendlog.emulator;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts received requests per operation, and refused ones per error code (admin requests excluded). */
final class RequestCounters {
    private final Map<Operation, LongAdder> counts = new EnumMap<>(Operation.class);
    private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();

    RequestCounters() {
        for (Operation op : Operation.values()) {
            counts.put(op, new LongAdder());
        }
    }

    void record(Operation op) {
        counts.get(op).increment();
        counts.get(Operation.ANY).increment();
    }

    /** A request refused before it was served (signature, credentials, bucket), by its error code. */
    void recordRefusal(String code) {
        refusals.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    long refusals(String code) {
        LongAdder n = refusals.get(code);
        return n == null ? 0 : n.sum();
    }

    long count(Operation op) {
        return counts.get(op).sum();
    }

    void reset() {
        counts.values().forEach(LongAdder::reset);
        refusals.clear();
    }
}
