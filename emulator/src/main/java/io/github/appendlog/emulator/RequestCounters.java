package io.github.appendlog.emulator;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counts received requests per operation (admin requests excluded). */
final class RequestCounters {
    private final Map<Operation, LongAdder> counts = new EnumMap<>(Operation.class);

    RequestCounters() {
        for (Operation op : Operation.values()) {
            counts.put(op, new LongAdder());
        }
    }

    void record(Operation op) {
        counts.get(op).increment();
        counts.get(Operation.ANY).increment();
    }

    long count(Operation op) {
        return counts.get(op).sum();
    }

    void reset() {
        counts.values().forEach(LongAdder::reset);
    }
}
