package io.github.appendlog.oss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QuietClientConnectionTest {
    private ServerSocket server;
    private final ExecutorService peer = Executors.newSingleThreadExecutor();

    @BeforeEach
    void listen() throws Exception {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws Exception {
        peer.shutdownNow();
        server.close();
    }

    private Socket connect() throws Exception {
        return new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    @Test
    void passivateMakesTheIdleTimeoutInfiniteAndActivateRestoresTheLastOne() throws Exception {
        Socket socket = connect();
        socket.setSoTimeout(1234);
        QuietClientConnection connection = new QuietClientConnection("c-1");
        connection.bind(socket);

        connection.passivate();
        assertEquals(0, socket.getSoTimeout());
        connection.activate();
        assertEquals(1234, socket.getSoTimeout(), "the timeout the socket had when bound");

        connection.setSocketTimeout(Timeout.ofMilliseconds(3000));
        assertEquals(3000, socket.getSoTimeout());
        connection.passivate();
        assertEquals(0, socket.getSoTimeout());
        connection.activate();
        assertEquals(3000, socket.getSoTimeout(), "the timeout set last");
        connection.close();
    }

    @Test
    void exchangesARequestAndAResponseOverItsSocket() throws Exception {
        Future<String> served = peer.submit(() -> {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    head.append((char) in.read());
                }
                OutputStream out = s.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return head.toString();
            }
        });
        QuietClientConnection connection = (QuietClientConnection) QuietConnectionFactory.INSTANCE
                .createConnection(connect());
        BasicClassicHttpRequest request = new BasicClassicHttpRequest("GET", "/k?append&position=0");
        request.addHeader("Host", "127.0.0.1");
        request.addHeader("x-oss-security-token", "t0ken");
        connection.sendRequestHeader(request);
        connection.flush();
        ClassicHttpResponse response = connection.receiveResponseHeader();
        connection.receiveResponseEntity(response);
        assertEquals(200, response.getCode());
        assertEquals("ok", EntityUtils.toString(response.getEntity()));
        String head = served.get(10, TimeUnit.SECONDS);
        assertTrue(head.startsWith("GET /k?append&position=0 HTTP/1.1\r\n"), head);
        assertTrue(head.contains("x-oss-security-token: t0ken\r\n"), head);
        assertNull(connection.getSSLSession(), "a plain socket has no TLS session");
        connection.close();
        assertFalse(connection.isOpen());
    }

    @Test
    void aClosedConnectionClosesAndRefusesANewSocket() throws Exception {
        Socket first = connect();
        QuietClientConnection connection = new QuietClientConnection("c-2");
        connection.bind(first);
        assertTrue(connection.isOpen());
        connection.close(CloseMode.GRACEFUL);
        connection.close(); // a second close does nothing
        assertTrue(first.isClosed());
        assertFalse(connection.isOpen());

        Socket second = connect();
        assertThrows(InterruptedIOException.class, () -> connection.bind(second));
        assertTrue(second.isClosed(), "the refused socket is not leaked");
    }

    @Test
    void aTlsSocketIsBoundWithItsPlainSocket() throws Exception {
        Socket plain = connect();
        plain.setSoTimeout(777);
        SSLSocket tls = (SSLSocket) SSLContext.getDefault().getSocketFactory()
                .createSocket(plain, "127.0.0.1", server.getLocalPort(), true);
        QuietClientConnection connection = new QuietClientConnection("c-3");
        connection.bind(tls, plain);
        assertSame(tls, connection.getSocket());
        connection.passivate();
        assertEquals(0, tls.getSoTimeout());
        connection.activate();
        assertEquals(777, tls.getSoTimeout());
        connection.close(CloseMode.IMMEDIATE);
        assertTrue(plain.isClosed());
    }
}
