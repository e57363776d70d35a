package io.github.appendlog.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test appender that turns each event into text on the logging thread: the thread name, the message
 * pattern, the formatted message and every argument, as they were when logged (an argument may be a
 * buffer its logger reuses, and an event's thread name is otherwise read later, on the reading thread).
 */
public final class TextCaptureAppender extends AppenderBase<ILoggingEvent> {
    private final List<Captured> events = new CopyOnWriteArrayList<>();

    /** One event as text. */
    public static final class Captured {
        public final Level level;
        public final String logger;
        public final String thread;
        /** Pattern, formatted message, then each argument. */
        public final List<String> texts;

        Captured(ILoggingEvent event) {
            level = event.getLevel();
            logger = event.getLoggerName();
            thread = event.getThreadName();
            List<String> t = new ArrayList<>();
            t.add(String.valueOf(event.getMessage()));
            t.add(event.getFormattedMessage());
            if (event.getArgumentArray() != null) {
                for (Object argument : event.getArgumentArray()) {
                    t.add(String.valueOf(argument));
                }
            }
            texts = List.copyOf(t);
        }

        @Override
        public String toString() {
            return level + " " + logger + " [" + thread + "] " + texts.get(1);
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        events.add(new Captured(event));
    }

    /** What was captured so far. */
    public List<Captured> events() {
        return List.copyOf(events);
    }
}
