package io.github.appendlog.benchmarks.runner;

import io.github.appendlog.benchmarks.LogLine;
import io.github.appendlog.benchmarks.logback.LogbackSetup;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/** Logs numbered benchmark lines from several threads as fast as they go, and waits for them. */
final class LineWriters {
    private LineWriters() {
    }

    /**
     * Each of {@code threads} threads logs {@code lines / threads} lines; returns when all are logged,
     * with the CPU time the logging threads used.
     */
    static long write(Logger logger, long lines, int threads) throws InterruptedException {
        AtomicLong cpuNanos = new AtomicLong();
        long perThread = lines / threads;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long first = t * perThread;
            Thread writer = new Thread(() -> {
                LogbackSetup.putMdc();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (long i = first; i < first + perThread; i++) {
                    logger.info(LogLine.TEMPLATE, i);
                }
                cpuNanos.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
            }, "bench-writer-" + t);
            writers.add(writer);
            writer.start();
        }
        go.countDown();
        for (Thread writer : writers) {
            writer.join();
        }
        return cpuNanos.get();
    }
}
