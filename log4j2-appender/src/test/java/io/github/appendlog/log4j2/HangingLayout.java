package io.github.appendlog.log4j2;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.layout.AbstractStringLayout;

/**
 * A test layout that, for messages containing {@code hang}, waits until {@link #release} is counted
 * down, ignoring interrupts (a layout stuck on a lock): {@code <HangingLayout/>}.
 */
@Plugin(name = "HangingLayout", category = Node.CATEGORY, elementType = Layout.ELEMENT_TYPE)
public final class HangingLayout extends AbstractStringLayout {
    static volatile CountDownLatch entered = new CountDownLatch(1);
    static volatile CountDownLatch release = new CountDownLatch(1);

    private HangingLayout() {
        super(StandardCharsets.UTF_8);
    }

    @PluginFactory
    public static HangingLayout create() {
        return new HangingLayout();
    }

    /** New latches for the next test. */
    static void reset() {
        release.countDown();
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
    }

    @Override
    public String toSerializable(LogEvent event) {
        String message = event.getMessage().getFormattedMessage();
        if (message.contains("hang")) {
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
        return message + "\n";
    }
}
