package io.github.appendlog.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Logs numbered lines from several threads of one app and remembers how many each thread logged,
 * so a {@link LineCheck} knows what to expect. Phases continue each thread's numbering.
 */
final class Workload {
    private final LoggingApp app;
    private final String appId;
    private final long[] next;

    Workload(LoggingApp app, String appId, int threads) {
        if (!app.appenderStarted()) {
            throw new AssertionError("the appender did not start: " + app.statuses());
        }
        this.app = app;
        this.appId = appId;
        this.next = new long[threads];
    }

    /** Each thread logs {@code lines} more lines, all threads at once; returns when all are done. */
    Workload log(int lines) throws InterruptedException {
        return log(lines, 0);
    }

    /**
     * Each thread logs {@code lines} more lines at a fixed rate, one per {@code period} counted from a
     * common start (a late line does not shift the ones after it); returns when all are done.
     */
    Workload logPaced(int lines, Duration period) throws InterruptedException {
        return log(lines, period.toNanos());
    }

    private Workload log(int lines, long periodNanos) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        for (int t = 0; t < next.length; t++) {
            int thread = t;
            Thread th = new Thread(() -> {
                for (int i = 0; i < lines; i++) {
                    for (long wait = start + i * periodNanos - System.nanoTime(); wait > 0;
                            wait = start + i * periodNanos - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    app.info(NumberedLines.line(appId, thread, next[thread]++));
                }
            }, appId + "-worker-" + t);
            th.setUncaughtExceptionHandler((x, e) -> failure.set(e));
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("the application saw an exception from logging", failure.get());
        }
        return this;
    }

    /**
     * Each thread logs {@code before} lines and the first object under {@code prefix} appears; the
     * store stops; each thread logs {@code during} lines and the appender reports it cannot append.
     */
    void logWhileTheStoreStops(Store store, String prefix, int before, int during) throws InterruptedException {
        log(before);
        store.awaitFirstObject(prefix);
        store.stop();
        log(during);
        app.awaitWarning("cannot append");
    }

    /** One line from the calling thread, counted as thread 0's. */
    void logOne() {
        app.info(NumberedLines.line(appId, 0, next[0]++));
    }

    long total() {
        long sum = 0;
        for (long n : next) {
            sum += n;
        }
        return sum;
    }

    /** {@code app|thread} to lines logged, for {@link LineCheck}. */
    Map<String, Long> expected() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int t = 0; t < next.length; t++) {
            m.put(appId + "|" + t, next[t]);
        }
        return m;
    }

    /** Several workloads' expectations together. */
    static Map<String, Long> expected(Workload... workloads) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Workload w : workloads) {
            m.putAll(w.expected());
        }
        return m;
    }
}
