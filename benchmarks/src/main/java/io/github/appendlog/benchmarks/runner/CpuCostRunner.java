package io.github.appendlog.benchmarks.runner;

import io.github.appendlog.benchmarks.LogLine;
import io.github.appendlog.benchmarks.LoopbackSink;
import io.github.appendlog.benchmarks.Store;
import io.github.appendlog.benchmarks.log4j2.Log4j2Setup;
import io.github.appendlog.benchmarks.logback.LogbackSetup;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The unsaturated regime measured in CPU time rather than wall time, so that it holds on a shared,
 * loaded machine: one thread does ~7.5 µs of work then one log call, for a fixed time, per variant;
 * reported per call: the logging thread's own CPU time and the whole process's CPU time (sender
 * threads, the in-process store, GC, ...), each minus the work alone's, and the process's context
 * switches per second (each wake-up of a parked thread is one).
 *
 * <p>Args: {@code [seconds per variant]}. Prints {@code RESULT cpu.<framework>.<variant>.<figure>}.
 */
public final class CpuCostRunner {
    private static final String[] LOGBACK = {"noop", "file", "async", "appendlog"};
    private static final String[] LOG4J2 = {"null", "raf", "async", "appendlog"};

    interface Call {
        void log();
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        LogbackSetup.putMdc();
        Log4j2Setup.putMdc();
        measure("work", "alone", () -> { }, seconds);
        for (String variant : LOGBACK) {
            try (AutoCloseable sink = sinkFor(variant)) {
                LogbackSetup setup = LogbackSetup.configure(variant);
                org.slf4j.Logger logger = setup.logger();
                measure("logback", variant, () -> logger.info(LogLine.TEMPLATE, LogLine.ARGUMENT), seconds);
                setup.close();
            }
        }
        for (String variant : LOG4J2) {
            try (AutoCloseable sink = sinkFor(variant)) {
                Log4j2Setup setup = Log4j2Setup.configure(variant);
                org.apache.logging.log4j.Logger logger = setup.logger();
                measure("log4j2", variant, () -> logger.info(LogLine.TEMPLATE, LogLine.ARGUMENT), seconds);
                setup.close();
            }
        }
    }

    private static AutoCloseable sinkFor(String variant) throws IOException {
        if (variant.equals("appendlog")) {
            return Store.start();
        }
        if (variant.equals("loki4j")) {
            return LoopbackSink.start();
        }
        return () -> { };
    }

    private static void measure(String framework, String variant, Call call, double seconds) throws IOException {
        loop(call, Math.max(1, seconds * 1.5)); // warm-up: the sender and the store need seconds to be compiled
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        java.util.Map<String, Long> groups0 = cpuByGroup(threads);
        long[] gc0 = gcCountAndMillis();
        long jit0 = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long switches0 = contextSwitches();
        long process0 = os.getProcessCpuTime();
        long caller0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        long calls = loop(call, seconds);
        long wall = System.nanoTime() - wall0;
        long caller = threads.getCurrentThreadCpuTime() - caller0;
        long process = os.getProcessCpuTime() - process0;
        long switches = contextSwitches() - switches0;
        java.util.Map<String, Long> groups = cpuByGroup(threads);
        long[] gc = gcCountAndMillis();
        long jitMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit0;
        String key = "cpu." + framework + "." + variant + ".";
        RunnerOutput.print(key + "wallPerCall", (double) wall / calls);
        RunnerOutput.print(key + "callerCpuPerCall", (double) caller / calls);
        RunnerOutput.print(key + "processCpuPerCall", (double) process / calls);
        RunnerOutput.print(key + "switchesPerSecond", switches / (wall / 1e9));
        long javaThreads = 0;
        for (String group : new String[] {"appendlog", "other"}) {
            long used = groups.getOrDefault(group, 0L) - groups0.getOrDefault(group, 0L);
            javaThreads += used;
            RunnerOutput.print(key + group + "ThreadsCpuPerCall", (double) used / calls);
        }
        RunnerOutput.print(key + "gcCount", gc[0] - gc0[0]);
        RunnerOutput.print(key + "gcMillis", gc[1] - gc0[1]);
        RunnerOutput.print(key + "jitMillis", jitMillis);
        // What no Java thread accounts for: the JVM's own threads (GC, JIT compilers).
        RunnerOutput.print(key + "jvmCpuPerCall", (double) (process - caller - javaThreads) / calls);
    }

    private static long[] gcCountAndMillis() {
        long count = 0;
        long millis = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += gc.getCollectionCount();
            millis += gc.getCollectionTime();
        }
        return new long[] {count, millis};
    }

    /** CPU time of the live Java threads other than the caller: appendlog's own, and the others. */
    private static java.util.Map<String, Long> cpuByGroup(ThreadMXBean threads) {
        java.util.Map<String, Long> cpu = new java.util.HashMap<>();
        long self = Thread.currentThread().getId();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null || info.getThreadId() == self) {
                continue;
            }
            long t = threads.getThreadCpuTime(info.getThreadId());
            if (t > 0) {
                cpu.merge(info.getThreadName().startsWith("appendlog") ? "appendlog" : "other", t, Long::sum);
            }
        }
        return cpu;
    }

    private static long loop(Call call, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long n = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 100; i++) {
                Blackhole.consumeCPU(LogLine.WORK_TOKENS);
                call.log();
            }
            n += 100;
        }
        return n;
    }

    /** Voluntary and involuntary context switches of every thread of this process (Linux). */
    private static long contextSwitches() throws IOException {
        long total = 0;
        Path tasks = Paths.get("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return 0;
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
            for (Path task : dir) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches") || line.startsWith("nonvoluntary_ctxt_switches")) {
                            total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return total;
    }
}
