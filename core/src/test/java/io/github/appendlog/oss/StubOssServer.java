package io.github.appendlog.oss;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A tiny HTTP server on 127.0.0.1 that records requests and answers with queued replies, for
 * testing the HTTP layer without the emulator.
 */
final class StubOssServer implements AutoCloseable {

    /** A request as the server saw it. */
    static final class Seen {
        final String method;
        final String rawPath;
        final String rawQuery;
        final Map<String, String> headers;
        final byte[] body;

        Seen(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body) {
            this.method = method;
            this.rawPath = rawPath;
            this.rawQuery = rawQuery;
            this.headers = headers;
            this.body = body;
        }

        String header(String name) {
            return headers.get(name);
        }
    }

    /** How to answer one request. */
    interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stub-oss-server");
        t.setDaemon(true);
        return t;
    });
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final List<Seen> seen = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    StubOssServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized List<Seen> seen() {
        return new ArrayList<>(seen);
    }

    synchronized Seen last() {
        return seen.get(seen.size() - 1);
    }

    /** Queues a reply with a status, headers (name, value, name, value...) and a body. */
    synchronized StubOssServer reply(int status, String body, String... headers) {
        answers.add(ex -> {
            for (int i = 0; i + 1 < headers.length; i += 2) {
                ex.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            byte[] bytes = body == null ? new byte[0] : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            boolean head = ex.getRequestMethod().equals("HEAD");
            ex.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
            if (!head && bytes.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
            ex.close();
        });
        return this;
    }

    /** Queues a reply that never comes until the server is closed. */
    synchronized StubOssServer hang() {
        answers.add(ex -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        return this;
    }

    /** Queues closing the connection without any reply. */
    synchronized StubOssServer drop() {
        answers.add(HttpExchange::close);
        return this;
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, List<String>> e : ex.getRequestHeaders().entrySet()) {
            headers.put(e.getKey(), String.join(",", e.getValue()));
        }
        Answer answer;
        synchronized (this) {
            seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), ex.getRequestURI().getRawQuery(),
                    headers, body));
            answer = answers.poll();
        }
        if (answer == null) {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        } else {
            answer.answer(ex);
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
