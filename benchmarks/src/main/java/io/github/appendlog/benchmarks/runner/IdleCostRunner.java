package io.github.appendlog.benchmarks.runner;

import io.github.appendlog.benchmarks.BenchProperties;
import io.github.appendlog.benchmarks.LogLine;
import io.github.appendlog.benchmarks.logback.LogbackSetup;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * Idle cost: a JVM with one configured appender that has logged 100 lines and then sees no event;
 * the CPU time its process and its threads use over the measured window ({@code
 * OperatingSystemMXBean.getProcessCpuTime}, {@code ThreadMXBean}). For {@code appendlog} the
 * emulator runs in a separate process so its threads are not counted.
 *
 * <p>Args: {@code variant (appendlog|file) [seconds]}.
 */
public final class IdleCostRunner {

    public static void main(String[] args) throws Exception {
        String variant = args.length > 0 ? args[0] : "appendlog";
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 60;
        EmulatorProcess emulator = null;
        try {
            if (variant.equals("appendlog")) {
                emulator = EmulatorProcess.start(null);
            }
            System.setProperty(BenchProperties.OBJECT_KEY, "idle/app-%i.log");
            LogbackSetup setup = LogbackSetup.configure(variant);
            LogbackSetup.putMdc();
            for (int i = 0; i < 100; i++) {
                setup.logger().info(LogLine.TEMPLATE, i);
            }
            Thread.sleep(3000); // let the first batch go out (flushInterval 1 s) before measuring

            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            Map<Long, Long> before = threadCpu(threads);
            long processBefore = os.getProcessCpuTime();
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000);
            long wall = System.nanoTime() - start;
            long process = os.getProcessCpuTime() - processBefore;
            long appendlogThreads = 0;
            StringBuilder named = new StringBuilder();
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                long used = cpu - before.getOrDefault(info.getThreadId(), 0L);
                if (info.getThreadName().startsWith("appendlog")) {
                    appendlogThreads += used;
                    named.append(info.getThreadName()).append(':').append(used / 1000).append("us ");
                }
            }
            RunnerOutput.print("variant", variant);
            RunnerOutput.print("wallNanos", wall);
            RunnerOutput.print("processCpuNanos", process);
            RunnerOutput.print("appendlogThreadsCpuNanos", appendlogThreads);
            RunnerOutput.print("appendlogThreads", named.toString().trim());
            setup.close();
        } finally {
            if (emulator != null) {
                emulator.close();
            }
        }
    }

    private static Map<Long, Long> threadCpu(ThreadMXBean threads) {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            cpu.put(id, threads.getThreadCpuTime(id));
        }
        return cpu;
    }
}
