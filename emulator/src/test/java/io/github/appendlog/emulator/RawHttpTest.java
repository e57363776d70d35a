package io.github.appendlog.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.oss.sign.OssV1Signer;
import io.github.appendlog.oss.sign.OssV4Signer;
import io.github.appendlog.oss.sign.RequestSigner;
import io.github.appendlog.oss.sign.SignableRequest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests written byte by byte: chunked bodies and virtual-hosted style (a Host header of our choice). */
class RawHttpTest {
    private OssEmulator emu;

    @BeforeEach
    void start() {
        emu = OssEmulator.builder().bucket("logs").credentials("id", "secret").start();
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    private String exchange(RequestSigner signer, String host, String path, String key, String query,
            String body, boolean chunked) throws Exception {
        SignableRequest s = new SignableRequest("POST", "logs", key);
        for (OssRequest.Param p : RequestParser.parseQuery(query)) {
            s.addQuery(p.name, p.value);
        }
        s.header("Content-Type", "text/plain");
        signer.sign(s, new Credentials("id", "secret"), Instant.now());
        StringBuilder req = new StringBuilder("POST " + path + "?" + query + " HTTP/1.1\r\nHost: " + host + "\r\n");
        for (Map.Entry<String, String> h : s.headers().entrySet()) {
            req.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        byte[] data = body.getBytes(StandardCharsets.UTF_8);
        if (chunked) {
            req.append("Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
            int half = data.length / 2;
            req.append(Integer.toHexString(half)).append("\r\n").append(body, 0, half).append("\r\n");
            req.append(Integer.toHexString(data.length - half)).append("\r\n").append(body.substring(half)).append("\r\n");
            req.append("0\r\n\r\n");
        } else {
            req.append("Content-Length: ").append(data.length).append("\r\nConnection: close\r\n\r\n").append(body);
        }
        try (Socket socket = new Socket("127.0.0.1", emu.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void chunkedBodiesAreAppendedWhole() throws Exception {
        String reply = exchange(new OssV4Signer("cn-hangzhou"), "127.0.0.1:" + emu.port(), "/logs/c.log", "c.log",
                "append&position=0", "chunked body!", true);
        assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
        assertTrue(reply.contains("x-oss-next-append-position: 13"), reply);
        assertEquals("chunked body!", new String(emu.objectBytes("logs", "c.log"), StandardCharsets.UTF_8));
    }

    @Test
    void virtualHostedStyleAddressesTheBucketByHost() throws Exception {
        String reply = exchange(new OssV1Signer(), "logs.localhost:" + emu.port(), "/v/h.log", "v/h.log",
                "append&position=0", "vhost", false);
        assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
        assertEquals("vhost", new String(emu.objectBytes("logs", "v/h.log"), StandardCharsets.UTF_8));
        String v4 = exchange(new OssV4Signer("cn-hangzhou"), "logs.localhost:" + emu.port(), "/v/h.log", "v/h.log",
                "append&position=5", "+v4", true);
        assertTrue(v4.startsWith("HTTP/1.1 200"), v4);
    }
}
