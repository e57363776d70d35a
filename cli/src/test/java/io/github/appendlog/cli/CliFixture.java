package io.github.appendlog.cli;

import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.emulator.OssEmulator;
import io.github.appendlog.oss.OssHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/** An emulator with bucket {@code logs}, a writer on it, and the reader run in-process. */
final class CliFixture implements AutoCloseable {
    final OssEmulator emulator = OssEmulator.builder().bucket("logs").credentials("test-id", "test-secret").start();
    final OssHttpClient writer;

    CliFixture() throws IOException {
        writer = OssHttpClient.builder().endpoint(emulator.endpoint()).bucket("logs")
                .credentials(new Credentials("test-id", "test-secret")).v4(emulator.region()).build();
    }

    /** Appends {@code bytes} at the object's end (creating it). */
    void append(String key, byte[] bytes) throws Exception {
        byte[] existing = emulator.objectBytes("logs", key);
        writer.append(key, existing == null ? 0 : existing.length, bytes, 0, bytes.length, existing == null);
    }

    void append(String key, String text) throws Exception {
        append(key, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** The settings flags for the emulator, then {@code args}. */
    List<String> args(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList("--endpoint", emulator.endpoint(), "--region",
                emulator.region(), "--access-key-id", "test-id", "--access-key-secret", "test-secret"));
        all.addAll(Arrays.asList(args));
        return all;
    }

    Result run(String... args) {
        return run(Instant::now, args(args).toArray(new String[0]));
    }

    static Result run(Supplier<Instant> clock, String... args) {
        Result r = new Result();
        r.code = new AppendlogCli(Collections.emptyMap(), clock).execute(args, r.outStream, r.errStream);
        return r;
    }

    @Override
    public void close() throws IOException {
        writer.close();
        emulator.close();
    }

    /** What one run printed, and its exit code. */
    static final class Result {
        final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        final PrintStream outStream = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        final PrintStream errStream = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        volatile int code = -1;

        String out() {
            return new String(outBytes.toByteArray(), StandardCharsets.UTF_8);
        }

        String err() {
            return new String(errBytes.toByteArray(), StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit " + code + ", out: " + out() + ", err: " + err();
        }
    }
}
