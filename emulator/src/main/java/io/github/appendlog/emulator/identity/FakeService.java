package io.github.appendlog.emulator.identity;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.appendlog.credentials.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the fake identity services share: a JDK {@link HttpServer} on 127.0.0.1 (port 0: a free
 * one), every request recorded before it is answered, the key pairs minted, and two faults a test
 * can switch at run time: {@link #failWith} (every request answered with that status) and
 * {@link #hang} (requests wait unanswered, for a client's read timeout). After {@link #close()} the
 * port refuses connections: {@link #endpoint()} then names an unreachable service.
 */
abstract class FakeService implements AutoCloseable {
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Object hangLock = new Object();
    private volatile int failStatus;
    private boolean hanging;
    private boolean closed;
    final KeyMinter minter;

    FakeService(String name, int port, KeyMinter minter) throws IOException {
        this.minter = minter;
        String threadName = "appendlog-fake-" + name + "-" + SERVERS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadName + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 64);
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
    }

    /** The answer to a request that no fault intercepted. */
    abstract Answer answer(RecordedRequest request);

    /** The answer while {@link #failWith} is set. */
    abstract Answer failure(int status, RecordedRequest request);

    /** {@code http://127.0.0.1:PORT}, no trailing slash. */
    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Every request received, oldest first. */
    public List<RecordedRequest> requests() {
        return Collections.unmodifiableList(new ArrayList<>(requests));
    }

    /** How many requests were received. */
    public int requestCount() {
        return requests.size();
    }

    /** Every key pair handed out, oldest first (also registered with the emulator, if one was given). */
    public List<Credentials> issued() {
        return minter.issued();
    }

    /** The key pair handed out last, or null. */
    public Credentials lastIssued() {
        List<Credentials> all = minter.issued();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** From now on every request is answered with this HTTP status (an error reply); 0 ends it. */
    public void failWith(int status) {
        if (status != 0 && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("failWith takes an error status 400..599, or 0: " + status);
        }
        this.failStatus = status;
    }

    /** While true, requests are received and recorded but not answered (until false or close). */
    public void hang(boolean hang) {
        synchronized (hangLock) {
            hanging = hang;
            hangLock.notifyAll();
        }
    }

    /** Stops serving: waiting requests are cut, and the port refuses connections. */
    @Override
    public void close() {
        synchronized (hangLock) {
            closed = true;
            hangLock.notifyAll();
        }
        server.stop(0);
        executor.shutdownNow();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try {
            RecordedRequest request;
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                request = new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
            } catch (IllegalArgumentException e) {
                send(exchange, Answer.text(400, "malformed percent-encoding: " + e.getMessage()));
                return;
            }
            requests.add(request);
            if (!awaitUnhung()) {
                return;
            }
            int status = failStatus;
            send(exchange, status != 0 ? failure(status, request) : answer(request));
        } finally {
            exchange.close();
        }
    }

    /** False if the service closed while the request waited. */
    private boolean awaitUnhung() {
        synchronized (hangLock) {
            while (hanging && !closed) {
                try {
                    hangLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return !closed;
        }
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body = answer.body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType);
        exchange.sendResponseHeaders(answer.status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** A reply: status, content type and body. */
    static final class Answer {
        final int status;
        final String contentType;
        final String body;

        private Answer(int status, String contentType, String body) {
            this.status = status;
            this.contentType = contentType;
            this.body = body;
        }

        static Answer text(int status, String body) {
            return new Answer(status, "text/plain;charset=utf-8", body);
        }

        static Answer json(int status, String body) {
            return new Answer(status, "application/json;charset=utf-8", body);
        }
    }
}
