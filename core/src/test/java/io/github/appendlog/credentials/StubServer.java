package io.github.appendlog.credentials;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A JDK HTTP server on 127.0.0.1 for the credential sources' tests: routes by method and path to a
 * handler, answers 404 to anything else, and records every request.
 */
final class StubServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** One recorded request. */
    static final class Request {
        final String method;
        final String path;
        final String rawQuery;
        final Map<String, List<String>> headers;
        final String body;

        Request(String method, String path, String rawQuery, Map<String, List<String>> headers, String body) {
            this.method = method;
            this.path = path;
            this.rawQuery = rawQuery;
            this.headers = headers;
            this.body = body;
        }

        String header(String name) {
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue().get(0);
                }
            }
            return null;
        }

        Map<String, String> query() {
            return decode(rawQuery);
        }

        Map<String, String> form() {
            return decode(body);
        }

        /** Query and form parameters together. */
        Map<String, String> parameters() {
            Map<String, String> all = new LinkedHashMap<>(query());
            all.putAll(form());
            return all;
        }

        private static Map<String, String> decode(String text) {
            Map<String, String> map = new LinkedHashMap<>();
            if (text == null || text.isEmpty()) {
                return map;
            }
            for (String pair : text.split("&")) {
                String[] nv = pair.split("=", 2);
                map.put(URLDecoder.decode(nv[0], StandardCharsets.UTF_8),
                        nv.length > 1 ? URLDecoder.decode(nv[1], StandardCharsets.UTF_8) : "");
            }
            return map;
        }
    }

    /** A reply to send. */
    static final class Reply {
        final int status;
        final String body;

        Reply(int status, String body) {
            this.status = status;
            this.body = body;
        }
    }

    static Reply reply(int status, String body) {
        return new Reply(status, body);
    }

    StubServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Routes {@code method path} to {@code handler}, replacing an earlier route. */
    StubServer on(String method, String path, Function<Request, Reply> handler) {
        routes.put(method + " " + path, handler);
        return this;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Request> requests() {
        return Collections.unmodifiableList(new ArrayList<>(requests));
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] in;
        try (InputStream body = exchange.getRequestBody()) {
            in = body.readAllBytes();
        }
        Request r = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), new LinkedHashMap<>(exchange.getRequestHeaders()),
                new String(in, StandardCharsets.UTF_8));
        requests.add(r);
        Function<Request, Reply> handler = routes.get(r.method + " " + r.path);
        Reply reply = handler == null ? reply(404, "{\"Code\":\"NotFound\"}") : handler.apply(r);
        byte[] out = reply.body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status, out.length == 0 ? -1 : out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
