package io.github.appendlog.logback;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A pattern encoder that, on its first event, says it has the event ({@link #HOLDING}) and waits for
 * {@link #RELEASE}; it notes the argument array and key-value pairs as it sees them when encoding.
 */
public class HeldEncoder extends PatternLayoutEncoder {
    static volatile CountDownLatch holding = new CountDownLatch(1);
    static volatile CountDownLatch release = new CountDownLatch(1);
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    static void reset() {
        holding = new CountDownLatch(1);
        release = new CountDownLatch(1);
        SEEN.clear();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        holding.countDown();
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        SEEN.add(Arrays.toString(event.getArgumentArray()) + " " + event.getKeyValuePairs());
        return super.encode(event);
    }
}
