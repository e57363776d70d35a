package io.github.appendlog.benchmarks.runner;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Samples the heap used right after a full collection, on its own thread, and keeps the peak: the
 * live data the application holds, not the garbage it has not collected yet.
 */
final class HeapSampler implements AutoCloseable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peakBytes;
    private volatile long samples;

    HeapSampler(long intervalMillis) {
        thread = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-sampler");
        thread.setDaemon(true);
    }

    HeapSampler start() {
        thread.start();
        return this;
    }

    /** Collects, then reads the heap used; returns it and keeps the peak. */
    long sample() {
        System.gc();
        long used = memory.getHeapMemoryUsage().getUsed();
        if (used > peakBytes) {
            peakBytes = used;
        }
        samples++;
        return used;
    }

    long peakBytes() {
        return peakBytes;
    }

    long samples() {
        return samples;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }
}
