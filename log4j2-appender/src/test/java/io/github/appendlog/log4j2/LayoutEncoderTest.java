package io.github.appendlog.log4j2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

class LayoutEncoderTest {
    private final PatternLayout layout = PatternLayout.newBuilder().withPattern("%-5level %logger - %msg%n%ex")
            .withCharset(StandardCharsets.UTF_8).build();
    private final LayoutEncoder encoder = new LayoutEncoder(layout);

    private byte[] encode(LogEvent e) {
        ByteBuffer b = encoder.encode(e);
        return Arrays.copyOfRange(b.array(), b.arrayOffset() + b.position(), b.arrayOffset() + b.limit());
    }

    private static LogEvent event(String message, Throwable thrown) {
        return Log4jLogEvent.newBuilder().setLoggerName("app.Orders").setLevel(Level.INFO)
                .setMessage(new SimpleMessage(message)).setThrown(thrown).build();
    }

    @Test
    void givesTheSameBytesAsTheLayoutsByteArray() {
        LogEvent e = event("order 42 placed", null);
        byte[] encoded = encode(e);
        assertArrayEquals(layout.toByteArray(e), encoded);
        assertEquals("INFO  app.Orders - order 42 placed\n", new String(encoded, StandardCharsets.UTF_8));
    }

    @Test
    void encodesNonAsciiAsUtf8() {
        LogEvent e = event("prix 12 € — 東京 🚀", null);
        assertArrayEquals(("INFO  app.Orders - prix 12 € — 東京 🚀\n").getBytes(StandardCharsets.UTF_8), encode(e));
    }

    @Test
    void encodesExceptionsAndEventsLargerThanItsBufferThenKeepsWorking() {
        LogEvent withStack = event("failed", new IllegalStateException("boom"));
        assertArrayEquals(layout.toByteArray(withStack), encode(withStack));
        LogEvent large = event("x".repeat(200_000) + "é", null);
        assertArrayEquals(layout.toByteArray(large), encode(large));
        LogEvent small = event("after", null);
        assertArrayEquals(layout.toByteArray(small), encode(small));
    }

    @Test
    void reusesItsBufferOnTheSameThread() {
        ByteBuffer first = encoder.encode(event("first", null));
        ByteBuffer second = encoder.encode(event("second, which is longer", null));
        assertSame(first.array(), second.array());
        assertEquals("INFO  app.Orders - second, which is longer\n", new String(second.array(), second.position(), second.remaining(),
                StandardCharsets.UTF_8));
    }
}
