package io.github.appendlog.benchmarks.runner;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap used right after full collections: a thread asks for one ({@code System.gc()}) every
 * interval, and the GC's own notification says how much heap was in use when it ended. That is the
 * live data the application holds, read at the GC's end rather than after the application has
 * allocated again.
 */
final class HeapSampler implements AutoCloseable, NotificationListener {
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peakBytes;
    private volatile long lastBytes;
    private volatile long samples;

    HeapSampler(long intervalMillis) {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(this, null, null);
        }
        thread = new Thread(() -> {
            while (running) {
                System.gc();
                try {
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-sampler");
        thread.setDaemon(true);
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        if (!"System.gc()".equals(info.getGcCause())) {
            return; // a young collection leaves old garbage in place: not a live-data reading
        }
        long used = 0;
        for (MemoryUsage usage : info.getGcInfo().getMemoryUsageAfterGc().values()) {
            used += usage.getUsed();
        }
        // Non-heap pools (metaspace, code cache) are in that map too; take them out.
        for (java.lang.management.MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.NON_HEAP) {
                MemoryUsage u = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                if (u != null) {
                    used -= u.getUsed();
                }
            }
        }
        lastBytes = used;
        if (used > peakBytes) {
            peakBytes = used;
        }
        samples++;
    }

    HeapSampler start() {
        thread.start();
        return this;
    }

    /** Runs one full collection now and returns the heap used at its end. */
    long sample() throws InterruptedException {
        long before = samples;
        System.gc();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (samples == before && System.nanoTime() < deadline) {
            Thread.sleep(5); // the notification comes from another thread, shortly after
        }
        return lastBytes;
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
