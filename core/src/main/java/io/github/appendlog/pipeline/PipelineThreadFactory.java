package io.github.appendlog.pipeline;

import io.github.appendlog.status.StatusReporter;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one factory for every thread core creates: named daemon threads
 * {@code appendlog-<role>-<appender>} (a second thread of the same factory gets a {@code -2} suffix,
 * and so on). Threads made here are recognised by {@link #isPipelineThread()}, so that whatever
 * they log (the HTTP client logs through SLF4J on the sender thread) never enters a pipeline.
 */
public final class PipelineThreadFactory implements ThreadFactory {
    private final String baseName;
    private final StatusReporter status;
    private final AtomicInteger created = new AtomicInteger();

    /**
     * @param role what the threads do, e.g. {@code sender}
     * @param appenderName the appender's name
     * @param status where an uncaught exception is reported
     */
    public PipelineThreadFactory(String role, String appenderName, StatusReporter status) {
        this.baseName = "appendlog-" + role + "-" + appenderName;
        this.status = status;
    }

    @Override
    public Thread newThread(Runnable task) {
        int n = created.incrementAndGet();
        Thread t = new PipelineThread(task, n == 1 ? baseName : baseName + "-" + n);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((thread, e) ->
                status.error("appendlog thread " + thread.getName() + " stopped unexpectedly: " + e, e));
        return t;
    }

    /** True when the calling thread was made by a {@code PipelineThreadFactory}. */
    public static boolean isPipelineThread() {
        return Thread.currentThread() instanceof PipelineThread;
    }

    /** The marker: a plain thread whose class says it belongs to appendlog. */
    private static final class PipelineThread extends Thread {
        PipelineThread(Runnable task, String name) {
            super(task, name);
        }
    }
}
