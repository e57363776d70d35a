package io.github.appendlog.benchmarks.runner;

import io.github.appendlog.benchmarks.BenchProperties;
import io.github.appendlog.benchmarks.LogLine;
import io.github.appendlog.benchmarks.Store;
import io.github.appendlog.benchmarks.log4j2.Log4j2Setup;
import io.github.appendlog.benchmarks.logback.LogbackSetup;
import io.github.appendlog.config.ConfigValues;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongConsumer;

/**
 * Memory under overload: the store is stopped, then 2 threads log 10× more bytes than
 * {@code maxBufferBytes} holds; the heap used right after full collections (sampled every 200 ms
 * while logging, and at the end) must stay within {@code maxBufferBytes} + 16 MiB. Events are the
 * benchmark's ~150-byte line, or that line followed by a stack-trace-like text to {@code eventBytes}.
 *
 * <p>Args: {@code [logback|log4j2] [maxBufferBytes text, e.g. "32 MB"] [eventBytes, e.g. 40960]}. Run
 * it with {@code -XX:+UseG1GC} and a heap large enough not to be the limit ({@code -Xmx1g}).
 */
public final class OverloadMemoryRunner {
    private static final String FRAME = "\n\tat com.example.orders.OrderService.accept(OrderService.java:42)";

    public static void main(String[] args) throws Exception {
        String framework = args.length > 0 ? args[0] : "logback";
        String maxBuffer = args.length > 1 ? args[1] : "32 MB";
        int eventBytes = args.length > 2 ? Integer.parseInt(args[2]) : LogLine.APPROX_BYTES;
        long maxBufferBytes = ConfigValues.parseBytes(maxBuffer);
        long lines = 10 * maxBufferBytes / eventBytes;
        String trace = eventBytes > LogLine.APPROX_BYTES
                ? FRAME.repeat((eventBytes - LogLine.APPROX_BYTES) / FRAME.length() + 1)
                        .substring(0, eventBytes - LogLine.APPROX_BYTES)
                : "";
        int threads = 2;
        try (Store store = Store.start()) {
            System.setProperty(BenchProperties.MAX_BUFFER_BYTES, maxBuffer);
            System.setProperty(BenchProperties.SHUTDOWN_TIMEOUT, "2 seconds");
            System.setProperty(BenchProperties.OBJECT_KEY, "memory/app-%i.log");
            AutoCloseable setup;
            LongConsumer log;
            Runnable putMdc;
            if (framework.equals("log4j2")) {
                Log4j2Setup log4j2 = Log4j2Setup.configure("appendlog");
                org.apache.logging.log4j.Logger logger = log4j2.logger();
                setup = log4j2;
                log = i -> logger.info(LogLine.TEMPLATE + "{}", i, trace);
                putMdc = Log4j2Setup::putMdc;
            } else {
                LogbackSetup logback = LogbackSetup.configure("appendlog");
                org.slf4j.Logger logger = logback.logger();
                setup = logback;
                log = i -> logger.info(LogLine.TEMPLATE + "{}", i, trace);
                putMdc = LogbackSetup::putMdc;
            }
            log.accept(-1); // the object exists, the writer is open
            HeapSampler sampler = new HeapSampler(200);
            long baseline = sampler.sample();
            store.stopServer();
            sampler.start();
            long start = System.nanoTime();
            write(log, putMdc, lines, threads);
            long nanos = System.nanoTime() - start;
            long atEnd = sampler.sample();
            sampler.close();
            RunnerOutput.print("framework", framework);
            RunnerOutput.print("eventBytes", eventBytes);
            RunnerOutput.print("maxBufferBytes", maxBufferBytes);
            RunnerOutput.print("lines", lines);
            RunnerOutput.print("offeredBytes", lines * eventBytes);
            RunnerOutput.print("nanos", nanos);
            RunnerOutput.print("baselineHeapBytes", baseline);
            RunnerOutput.print("peakHeapBytes", Math.max(sampler.peakBytes(), atEnd));
            RunnerOutput.print("endHeapBytes", atEnd);
            RunnerOutput.print("samples", sampler.samples());
            setup.close();
        }
    }

    /** Each of {@code threads} threads logs {@code lines / threads} events; returns when all are logged. */
    private static void write(LongConsumer log, Runnable putMdc, long lines, int threads) throws InterruptedException {
        long perThread = lines / threads;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long first = t * perThread;
            Thread writer = new Thread(() -> {
                putMdc.run();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (long i = first; i < first + perThread; i++) {
                    log.accept(i);
                }
            }, "bench-writer-" + t);
            writers.add(writer);
            writer.start();
        }
        go.countDown();
        for (Thread writer : writers) {
            writer.join();
        }
    }
}
