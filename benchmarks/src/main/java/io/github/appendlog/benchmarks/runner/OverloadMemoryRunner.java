package io.github.appendlog.benchmarks.runner;

import io.github.appendlog.benchmarks.BenchProperties;
import io.github.appendlog.benchmarks.LogLine;
import io.github.appendlog.benchmarks.Store;
import io.github.appendlog.benchmarks.logback.LogbackSetup;
import io.github.appendlog.config.ConfigValues;

/**
 * Memory under overload: the store is stopped, then 2 threads log 10× more bytes than
 * {@code maxBufferBytes} holds; the heap used right after full collections (sampled every 200 ms
 * while logging, and at the end) must stay within {@code maxBufferBytes} + 16 MiB.
 *
 * <p>Args: {@code [maxBufferBytes text, e.g. "32 MB"]}. Run it with {@code -XX:+UseG1GC} and a heap
 * large enough not to be the limit ({@code -Xmx1g}).
 */
public final class OverloadMemoryRunner {

    public static void main(String[] args) throws Exception {
        String maxBuffer = args.length > 0 ? args[0] : "32 MB";
        long maxBufferBytes = ConfigValues.parseBytes(maxBuffer);
        long lines = 10 * maxBufferBytes / LogLine.APPROX_BYTES;
        int threads = 2;
        try (Store store = Store.start()) {
            System.setProperty(BenchProperties.MAX_BUFFER_BYTES, maxBuffer);
            System.setProperty(BenchProperties.SHUTDOWN_TIMEOUT, "2 seconds");
            System.setProperty(BenchProperties.OBJECT_KEY, "memory/app-%i.log");
            LogbackSetup setup = LogbackSetup.configure("appendlog");
            setup.logger().info(LogLine.TEMPLATE, "before the outage"); // the object exists, the writer is open
            HeapSampler sampler = new HeapSampler(200);
            long baseline = sampler.sample();
            store.stopServer();
            sampler.start();
            long start = System.nanoTime();
            LineWriters.write(setup.logger(), lines, threads);
            long nanos = System.nanoTime() - start;
            long atEnd = sampler.sample();
            sampler.close();
            RunnerOutput.print("maxBufferBytes", maxBufferBytes);
            RunnerOutput.print("lines", lines);
            RunnerOutput.print("offeredBytes", lines * LogLine.APPROX_BYTES);
            RunnerOutput.print("nanos", nanos);
            RunnerOutput.print("baselineHeapBytes", baseline);
            RunnerOutput.print("peakHeapBytes", Math.max(sampler.peakBytes(), atEnd));
            RunnerOutput.print("endHeapBytes", atEnd);
            RunnerOutput.print("samples", sampler.samples());
            setup.close();
        }
    }
}
