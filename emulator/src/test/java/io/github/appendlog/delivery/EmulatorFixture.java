package io.github.appendlog.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.appendlog.oss.Crc64;
import io.github.appendlog.emulator.OssEmulator;
import io.github.appendlog.oss.OssHttpClient;
import io.github.appendlog.oss.OssHttpClientBuilder;
import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.status.StatusReporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An emulator plus the pieces to point a real {@link OssHttpClient} and {@link AppendWriter} at it.
 * Closing it closes the clients it made and the emulator.
 */
final class EmulatorFixture implements AutoCloseable {
    static final String BUCKET = "logs";
    static final String ID = "test-id";
    static final String SECRET = "test-secret";
    static final long NO_DEADLINE = Long.MAX_VALUE / 4;

    final OssEmulator emu;
    final List<OssHttpClient> clients = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    EmulatorFixture() {
        this(OssEmulator.builder().port(0).bucket(BUCKET).credentials(ID, SECRET).region("cn-hangzhou"));
    }

    EmulatorFixture(OssEmulator.Builder builder) {
        emu = builder.start();
    }

    /** A V4 client with a short request timeout. */
    OssHttpClient client() throws IOException {
        return client(OssHttpClient.builder().v4(emu.region()));
    }

    /** Endpoint, bucket and credentials set on {@code b}, unless it already has them. */
    OssHttpClient client(OssHttpClientBuilder b) throws IOException {
        OssHttpClient c = b.endpoint(emu.endpoint()).bucket(BUCKET).credentials(new Credentials(ID, SECRET))
                .requestTimeout(Duration.ofSeconds(5)).connectTimeout(Duration.ofSeconds(2)).build();
        clients.add(c);
        return c;
    }

    OssHttpClient track(OssHttpClient c) {
        clients.add(c);
        return c;
    }

    static WriterOptions.Builder options() {
        return WriterOptions.builder().maxRetries(6).retryBaseDelay(Duration.ofMillis(5))
                .retryMaxDelay(Duration.ofMillis(40));
    }

    /** A reporter that keeps warnings and errors (for assertions) and drops the rest. */
    StatusReporter status() {
        return new StatusReporter() {
            @Override
            public void info(String message) {
            }

            @Override
            public synchronized void warn(String message, Throwable cause) {
                warnings.add(message);
            }

            @Override
            public synchronized void error(String message, Throwable cause) {
                errors.add(message);
            }
        };
    }

    AppendWriter writer(OssHttpClient client, String key) {
        return new AppendWriter(client, key, options().build(), status());
    }

    static byte[] batch(String writer, int n) {
        return (writer + " batch " + n + " " + "x".repeat(n % 17) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static long append(AppendWriter w, byte[] data) throws Exception {
        return w.append(data, 0, data.length, NO_DEADLINE);
    }

    static byte[] concat(List<byte[]> batches) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        batches.forEach(out::writeBytes);
        return out.toByteArray();
    }

    byte[] object(String key) {
        return emu.objectBytes(BUCKET, key);
    }

    /** The object is exactly {@code batches} in order, and the writer agrees on length and CRC. */
    void assertObject(AppendWriter w, List<byte[]> batches) {
        byte[] want = concat(batches);
        byte[] got = object(w.key());
        assertArrayEquals(want, got, () -> "object is:\n" + (got == null ? "null" : new String(got,
                StandardCharsets.UTF_8)) + "\nstatus errors: " + errors);
        assertEquals(want.length, w.position());
        assertEquals(Crc64.compute(want, 0, want.length), w.checksum());
        assertEquals(emu.objectCrc64(BUCKET, w.key()), w.checksum());
    }

    @Override
    public void close() throws IOException {
        for (OssHttpClient c : clients) {
            c.close();
        }
        emu.close();
    }
}
