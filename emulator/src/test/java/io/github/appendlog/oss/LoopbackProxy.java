package io.github.appendlog.oss;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny HTTP proxy on 127.0.0.1 for tests: {@code CONNECT host:port} tunnels, and a request in
 * absolute form ({@code GET http://host:port/path}) is forwarded as it is to that host, whose
 * server takes the absolute form. Each connection serves one target; the first request line of
 * each is recorded. Only loopback targets are served.
 */
public final class LoopbackProxy implements AutoCloseable {
    private final ServerSocket server;
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    public LoopbackProxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "loopback-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The first request line of each connection, e.g. {@code POST http://127.0.0.1:9000/logs/k?append... HTTP/1.1}. */
    public List<String> requestLines() {
        return requestLines;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread t = new Thread(() -> serve(client), "loopback-proxy-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (Socket c = client) {
            InputStream in = c.getInputStream();
            byte[] head = readHead(in);
            String text = new String(head, StandardCharsets.ISO_8859_1);
            String line = text.substring(0, text.indexOf("\r\n"));
            requestLines.add(line);
            String[] parts = line.split(" ");
            boolean connect = parts[0].equals("CONNECT");
            URI target = URI.create(connect ? "http://" + parts[1] : parts[1]);
            if (!InetAddress.getByName(target.getHost()).isLoopbackAddress()) {
                c.getOutputStream().write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            try (Socket upstream = new Socket(target.getHost(), target.getPort())) {
                sockets.add(upstream);
                if (connect) {
                    c.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } else {
                    upstream.getOutputStream().write(head);
                }
                Thread back = new Thread(() -> pipe(upstream, c), "loopback-proxy-back");
                back.setDaemon(true);
                back.start();
                pipe(c, upstream);
            }
        } catch (IOException | RuntimeException e) {
            // the connection ends
        }
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' || b == '\n') && (matched % 2 == 0) == (b == '\r') ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toByteArray();
    }

    private static void pipe(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
