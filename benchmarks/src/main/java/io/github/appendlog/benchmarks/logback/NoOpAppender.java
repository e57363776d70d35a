package io.github.appendlog.benchmarks.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/** Accepts every event and does nothing with it: the framework's own floor. */
public final class NoOpAppender extends AppenderBase<ILoggingEvent> {
    @Override
    protected void append(ILoggingEvent event) {
        // intentionally empty
    }
}
