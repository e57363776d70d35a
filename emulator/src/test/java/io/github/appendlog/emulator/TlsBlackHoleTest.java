package io.github.appendlog.emulator;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.appendlog.oss.OssHttpClient;
import io.github.appendlog.credentials.Credentials;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over TLS, a store that completes the handshake and then never reads: the request still ends at
 * its deadline, and closing the client while a request is blocked in a write returns at once.
 */
class TlsBlackHoleTest {
    private static final byte[] BIG = new byte[16 * 1024 * 1024];
    private final SelfSignedCertificate certificate = SelfSignedCertificate.generate();
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final CountDownLatch handshaken = new CountDownLatch(1);
    private SSLServerSocket server;

    @TempDir
    Path dir;

    @AfterEach
    void close() throws IOException {
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
    }

    private OssHttpClient client(Duration requestTimeout) throws IOException {
        server = (SSLServerSocket) certificate.serverContext().getServerSocketFactory().createServerSocket();
        server.setReceiveBufferSize(4096);
        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        Thread acceptor = new Thread(() -> {
            try {
                SSLSocket s = (SSLSocket) server.accept();
                accepted.add(s);
                s.startHandshake();
                handshaken.countDown(); // and never read
            } catch (IOException e) {
                // closed
            }
        }, "tls-black-hole");
        acceptor.setDaemon(true);
        acceptor.start();
        Path trust = dir.resolve("trust.p12");
        certificate.writeTrustStore(trust, "changeit".toCharArray());
        return OssHttpClient.builder().endpoint("https://127.0.0.1:" + server.getLocalPort()).bucket("logs")
                .credentials(new Credentials("id", "secret")).v4("cn-hangzhou").trustStore(trust, "changeit")
                .requestTimeout(requestTimeout).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void anUploadIntoATlsConnectionThatIsNeverReadEndsAtTheRequestTimeout() throws Exception {
        try (OssHttpClient client = client(Duration.ofSeconds(1))) {
            assertTimeoutPreemptively(Duration.ofSeconds(15),
                    () -> assertThrows(IOException.class, () -> client.append("k", 0, BIG, 0, BIG.length, true)));
        }
    }

    @Test
    void closingTheClientDuringABlockedTlsUploadReturnsAndEndsTheUpload() throws Exception {
        OssHttpClient client = client(Duration.ofMinutes(5));
        Thread closer = new Thread(() -> {
            try {
                if (handshaken.await(10, TimeUnit.SECONDS)) {
                    client.close();
                }
            } catch (InterruptedException | IOException e) {
                // the assertions below decide
            }
        }, "closer");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            closer.start();
            assertThrows(IOException.class, () -> client.append("k", 0, BIG, 0, BIG.length, true));
            closer.join();
        });
    }
}
