package io.github.appendlog.benchmarks.runner;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of the live Java threads, summed by group: {@code appendlog} (the appender's own
 * threads), {@code bench-writer} (the runners' logging threads), {@code other} (the store, ...).
 * Threads that ended before the reading are not counted.
 */
final class ThreadCpu {
    private ThreadCpu() {
    }

    static Map<String, Long> byGroup() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long t = threads.getThreadCpuTime(info.getThreadId());
            if (t <= 0) {
                continue;
            }
            String name = info.getThreadName();
            String group = name.startsWith("appendlog") ? "appendlog" : name.startsWith("bench-writer") ? "bench-writer" : "other";
            cpu.merge(group, t, Long::sum);
        }
        return cpu;
    }
}
