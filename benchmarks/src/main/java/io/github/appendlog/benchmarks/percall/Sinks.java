package io.github.appendlog.benchmarks.percall;

import io.github.appendlog.benchmarks.BenchProperties;
import io.github.appendlog.benchmarks.LoopbackSink;
import io.github.appendlog.benchmarks.Store;

/**
 * The servers a variant talks to, started before the framework is configured and stopped after it:
 * a loopback sink for the HTTP peer; the emulator for appendlog. Local-file variants need none.
 */
final class Sinks implements AutoCloseable {
    private final AutoCloseable[] started;

    private Sinks(AutoCloseable... started) {
        this.started = started;
    }

    static Sinks startFor(String variant) throws Exception {
        switch (variant) {
            case "loki4j": {
                LoopbackSink sink = LoopbackSink.start();
                System.setProperty(BenchProperties.LOKI_URL, sink.baseUrl() + "/loki/api/v1/push");
                return new Sinks(sink);
            }
            case "appendlog":
                return new Sinks(Store.start());
            default:
                return new Sinks();
        }
    }

    @Override
    public void close() {
        for (AutoCloseable c : started) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop " + c, e);
            }
        }
    }
}
