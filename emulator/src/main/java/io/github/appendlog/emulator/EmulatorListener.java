package io.github.appendlog.emulator;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.HttpProcessors;
import org.apache.hc.core5.http.impl.bootstrap.HttpServer;
import org.apache.hc.core5.http.impl.bootstrap.ServerBootstrap;
import org.apache.hc.core5.http.io.HttpRequestHandler;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * The emulator's HTTP(S) server: HttpCore 5 classic, one handler for every request, and with https
 * a self-signed certificate and a PKCS12 trust store file holding it (deleted on close).
 */
final class EmulatorListener {
    private final HttpServer server;
    private final SelfSignedCertificate certificate;
    private final Path trustStore;

    EmulatorListener(String bindAddress, int port, boolean https, HttpRequestHandler handler, char[] trustPassword)
            throws IOException {
        this.certificate = https ? SelfSignedCertificate.generate() : null;
        ServerBootstrap bootstrap = ServerBootstrap.bootstrap()
                .setLocalAddress(InetAddress.getByName(bindAddress))
                .setListenerPort(port)
                .setSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.ofMinutes(5)).setTcpNoDelay(true)
                        .setSoReuseAddress(true).setBacklogSize(1024).build())
                .setHttp1Config(Http1Config.custom().setBufferSize(64 * 1024).setChunkSizeHint(64 * 1024).build())
                .setHttpProcessor(HttpProcessors.server("AliyunOSS"))
                .setRequestRouter((request, context) -> handler)
                .setExceptionListener(new QuietExceptionListener());
        if (certificate != null) {
            bootstrap.setSslContext(certificate.serverContext());
        }
        this.server = bootstrap.create();
        server.start();
        if (certificate != null) {
            trustStore = Files.createTempFile("appendlog-emulator-", ".p12");
            certificate.writeTrustStore(trustStore, trustPassword);
        } else {
            trustStore = null;
        }
    }

    int port() {
        return server.getLocalPort();
    }

    String scheme() {
        return certificate == null ? "http" : "https";
    }

    Path trustStore() {
        if (trustStore == null) {
            throw new IllegalStateException("the emulator was not started with https(true)");
        }
        return trustStore;
    }

    SSLContext clientSslContext() {
        if (certificate == null) {
            throw new IllegalStateException("the emulator was not started with https(true)");
        }
        return certificate.clientContext();
    }

    /** Stops serving (connections are cut) and deletes the trust store file. */
    void close() throws IOException {
        server.close(CloseMode.IMMEDIATE);
        if (trustStore != null) {
            Files.deleteIfExists(trustStore);
        }
    }
}
