package io.github.appendlog.buffer;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The producers of one {@link EventBuffer} that wait for room (the BLOCK policy). A producer
 * announces its wait before it looks for room again under the lock, and whoever frees room (or
 * closes the buffer) signals under that lock while one waits: no wake-up is lost. A producer that
 * does not wait never touches the lock, and the consumer touches it only while a producer waits.
 */
final class RoomWaiters {
    private final AtomicInteger waitingProducers = new AtomicInteger();
    private final ReentrantLock roomLock = new ReentrantLock();
    private final Condition roomAvailable = roomLock.newCondition();

    /**
     * Tries {@code buffer}'s reservation of {@code size} again each time room is freed, until it is
     * not refused as full or {@code maxWaitNanos} passed: the bytes used before the event, or the
     * buffer's negative code.
     */
    long awaitRoom(EventBuffer buffer, long size, boolean important, long maxWaitNanos) throws InterruptedException {
        long deadline = System.nanoTime() + maxWaitNanos;
        // Announce the wait before checking for room, so a consumer freeing room after the check sees
        // us and signals under the lock (no lost wake-up).
        waitingProducers.incrementAndGet();
        try {
            roomLock.lockInterruptibly();
            try {
                for (;;) {
                    long before = buffer.reserve(size, important);
                    long left = deadline - System.nanoTime();
                    if (before != EventBuffer.FULL || left <= 0) {
                        return before;
                    }
                    roomAvailable.awaitNanos(left);
                }
            } finally {
                roomLock.unlock();
            }
        } finally {
            waitingProducers.decrementAndGet();
        }
    }

    /** Room was freed: wakes the waiting producers, if one waits. */
    void roomFreed() {
        if (waitingProducers.get() > 0) {
            wakeAll();
        }
    }

    /** Wakes every waiting producer (the buffer closed, or room was freed). */
    void wakeAll() {
        roomLock.lock();
        try {
            roomAvailable.signalAll();
        } finally {
            roomLock.unlock();
        }
    }
}
