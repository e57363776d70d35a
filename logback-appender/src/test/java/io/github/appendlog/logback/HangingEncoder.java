package io.github.appendlog.logback;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.concurrent.CountDownLatch;

/**
 * A pattern encoder that, for messages containing {@code hang}, waits until {@link #release} is
 * counted down, ignoring interrupts (a layout stuck on a lock).
 */
public class HangingEncoder extends PatternLayoutEncoder {
    static volatile CountDownLatch entered = new CountDownLatch(1);
    static volatile CountDownLatch release = new CountDownLatch(1);

    /** New latches for the next test. */
    static void reset() {
        release.countDown();
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        if (event.getFormattedMessage().contains("hang")) {
            CountDownLatch latch = release;
            entered.countDown();
            boolean done = false;
            while (!done) {
                try {
                    latch.await();
                    done = true;
                } catch (InterruptedException e) {
                    // ignores interrupts, as a layout stuck on a lock would
                }
            }
        }
        return super.encode(event);
    }
}
