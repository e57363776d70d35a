package io.github.appendlog.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.oss.sign.OssV4Signer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatorMainTest {

    @Test
    void startsFromArgumentsAndPrintsItsEndpoint(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] args = {"--port", "0", "--data", dir.toString(), "--bucket", "logs", "--access-key-id", "ID",
            "--access-key-secret", "SECRET", "--region", "cn-shanghai", "--max-object-bytes", "100"};
        try (OssEmulator emu = EmulatorMain.start(args, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertEquals("appendlog emulator listening on http://127.0.0.1:" + emu.port()
                    + " (bucket logs, region cn-shanghai)\n", out.toString(StandardCharsets.UTF_8));
            SignedClient client = SignedClient.v4(emu, "logs", "ID", "SECRET");
            assertEquals(200, client.append("k", 0, "persisted").statusCode());
            assertEquals(400, client.append("k", 9, "x".repeat(100)).statusCode(), "max object size applies");
        }
        try (OssEmulator again = EmulatorMain.start(args, new PrintStream(new ByteArrayOutputStream()))) {
            assertEquals("persisted", new String(again.objectBytes("logs", "k"), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aUserCurlsAndTailsALogWithPublicReadAndData(@TempDir Path dir) throws Exception {
        String[] args = {"--port", "0", "--data", dir.toString(), "--bucket", "logs", "--access-key-id", "ID",
            "--access-key-secret", "SECRET", "--public-read"};
        try (OssEmulator emu = EmulatorMain.start(args, new PrintStream(new ByteArrayOutputStream()))) {
            SignedClient client = SignedClient.v4(emu, "logs", "ID", "SECRET");
            assertEquals(200, client.append("app/today.log", 0, "line 1\n").statusCode());
            Path file = dir.resolve("logs").resolve("app").resolve("today.log");
            assertEquals("line 1\n", Files.readString(file), "tail -f ./oss-data/logs/app/today.log");

            HttpClient curl = HttpClient.newHttpClient();
            java.net.URI url = java.net.URI.create(emu.endpoint() + "/logs/app/today.log");
            java.net.http.HttpResponse<String> get = curl.send(java.net.http.HttpRequest.newBuilder(url).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, get.statusCode(), get.body());
            assertEquals("line 1\n", get.body());
            java.net.http.HttpResponse<String> put = curl.send(java.net.http.HttpRequest.newBuilder(url)
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("overwritten")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(403, put.statusCode(), "writes still need a signature");
            java.net.http.HttpResponse<String> badSignature = curl.send(java.net.http.HttpRequest.newBuilder(url)
                    .header("Authorization", "OSS ID:not-the-signature").header("Date", "Mon, 07 Dec 2026 12:00:00 GMT")
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(403, badSignature.statusCode(), "a signed GET is checked as always");
        }
        try (OssEmulator signedOnly = EmulatorMain.start(new String[] {"--port", "0", "--bucket", "logs",
                "--access-key-id", "ID", "--access-key-secret", "SECRET"}, new PrintStream(new ByteArrayOutputStream()))) {
            java.net.http.HttpResponse<String> get = HttpClient.newHttpClient().send(java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create(signedOnly.endpoint() + "/logs/x")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(403, get.statusCode(), "without --public-read, anonymous reads are refused");
        }
    }

    @Test
    void httpsPrintsTheTrustStore() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OssEmulator emu = EmulatorMain.start(new String[] {"--https", "--bucket", "a", "--bucket", "b",
            "--access-key-id", "ID", "--access-key-secret", "S"}, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.startsWith("appendlog emulator listening on https://127.0.0.1:" + emu.port()
                    + " (buckets a, b, region cn-hangzhou)"), printed);
            assertTrue(printed.contains("trust store: " + emu.trustStore()), printed);
        }
    }

    @Test
    void aCredentialsFileReplacesTheKeyArguments(@TempDir Path dir) throws Exception {
        Path keys = Files.writeString(dir.resolve("keys"), "STS.file file-secret file-token "
                + Instant.now().plusSeconds(600) + "\n");
        try (OssEmulator emu = EmulatorMain.start(new String[] {"--bucket", "logs", "--credentials-file",
            keys.toString()}, new PrintStream(new ByteArrayOutputStream()))) {
            SignedClient client = new SignedClient(emu.endpoint(), "logs",
                    new Credentials("STS.file", "file-secret", "file-token"), new OssV4Signer(emu.region()),
                    HttpClient.newHttpClient());
            assertEquals(200, client.append("k", 0, "x").statusCode());
        }
    }

    @Test
    void rejectsBadArguments() {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        assertThrows(IllegalArgumentException.class, () -> EmulatorMain.start(new String[] {"--bogus"}, quiet));
        assertThrows(IllegalArgumentException.class, () -> EmulatorMain.start(new String[] {"--port"}, quiet));
        assertThrows(IllegalStateException.class, () -> EmulatorMain.start(
                new String[] {"--access-key-id", "a", "--access-key-secret", "b"}, quiet));
        assertThrows(IllegalArgumentException.class, () -> EmulatorMain.start(
                new String[] {"--bucket", "logs", "--access-key-id", "a"}, quiet));
    }
}
