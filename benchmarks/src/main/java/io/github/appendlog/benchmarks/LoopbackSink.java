package io.github.appendlog.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP server on 127.0.0.1 that reads every request body, counts it and answers 204: the sink
 * for the HTTP log-shipping peer measured beside appendlog, so that it too talks to a real server
 * over loopback.
 */
public final class LoopbackSink implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bodyBytes = new AtomicLong();

    private LoopbackSink(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static LoopbackSink start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "bench-loopback-sink");
            t.setDaemon(true);
            return t;
        });
        LoopbackSink sink = new LoopbackSink(server, executor);
        server.createContext("/", exchange -> {
            long n = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = exchange.getRequestBody()) {
                for (int r; (r = in.read(buffer)) > 0; ) {
                    n += r;
                }
            }
            sink.requests.incrementAndGet();
            sink.bodyBytes.addAndGet(n);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.setExecutor(executor);
        server.start();
        return sink;
    }

    /** Base URL, e.g. {@code http://127.0.0.1:40123}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public long requests() {
        return requests.get();
    }

    public long bodyBytes() {
        return bodyBytes.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
