package io.github.appendlog.log4j2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

class EventEncoderTest {
    private final PatternLayout layout = PatternLayout.newBuilder().withPattern("%-5level %logger - %msg%n%ex")
            .withCharset(StandardCharsets.UTF_8).build();
    private final EventEncoder encoder = new EventEncoder(layout);

    private static LogEvent event(String message, Throwable thrown) {
        return Log4jLogEvent.newBuilder().setLoggerName("app.Orders").setLevel(Level.INFO)
                .setMessage(new SimpleMessage(message)).setThrown(thrown).build();
    }

    @Test
    void givesTheSameBytesAsTheLayoutsByteArray() {
        LogEvent e = event("order 42 placed", null);
        byte[] encoded = encoder.encode(e);
        assertArrayEquals(layout.toByteArray(e), encoded);
        assertEquals("INFO  app.Orders - order 42 placed\n", new String(encoded, StandardCharsets.UTF_8));
    }

    @Test
    void encodesNonAsciiAsUtf8() {
        LogEvent e = event("prix 12 € — 東京 🚀", null);
        assertArrayEquals(("INFO  app.Orders - prix 12 € — 東京 🚀\n").getBytes(StandardCharsets.UTF_8), encoder.encode(e));
    }

    @Test
    void encodesExceptionsAndEventsLargerThanItsBufferThenKeepsWorking() {
        LogEvent withStack = event("failed", new IllegalStateException("boom"));
        assertArrayEquals(layout.toByteArray(withStack), encoder.encode(withStack));
        LogEvent large = event("x".repeat(200_000) + "é", null);
        assertArrayEquals(layout.toByteArray(large), encoder.encode(large));
        LogEvent small = event("after", null);
        assertArrayEquals(layout.toByteArray(small), encoder.encode(small));
    }

    @Test
    void successiveEventsDoNotShareBytes() {
        byte[] first = encoder.encode(event("first", null));
        encoder.encode(event("second, which is longer", null));
        assertEquals("INFO  app.Orders - first\n", new String(first, StandardCharsets.UTF_8));
    }
}
