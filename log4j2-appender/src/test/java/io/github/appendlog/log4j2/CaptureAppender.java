package io.github.appendlog.log4j2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;

/** A test appender that keeps what it receives, by appender name: {@code <Capture name="X"/>}. */
@Plugin(name = "Capture", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE)
public final class CaptureAppender extends AbstractAppender {
    private static final Map<String, List<Captured>> EVENTS = new ConcurrentHashMap<>();

    /** What a test needs of an event, copied on the logging thread. */
    public static final class Captured {
        public final String logger;
        public final String thread;
        public final String message;
        public final Level level;
        /** The message's format, its formatted text, then each parameter, as text when logged. */
        public final List<String> texts;

        Captured(LogEvent event) {
            this.logger = event.getLoggerName();
            this.thread = event.getThreadName();
            this.message = event.getMessage().getFormattedMessage();
            this.level = event.getLevel();
            List<String> t = new ArrayList<>();
            t.add(String.valueOf(event.getMessage().getFormat()));
            t.add(message);
            if (event.getMessage().getParameters() != null) {
                for (Object parameter : event.getMessage().getParameters()) {
                    t.add(String.valueOf(parameter));
                }
            }
            this.texts = List.copyOf(t);
        }

        @Override
        public String toString() {
            return logger + " [" + thread + "] " + message;
        }
    }

    private CaptureAppender(String name) {
        super(name, null, null, true, Property.EMPTY_ARRAY);
    }

    @PluginFactory
    public static CaptureAppender create(@PluginAttribute("name") String name) {
        EVENTS.putIfAbsent(name, new CopyOnWriteArrayList<>());
        return new CaptureAppender(name);
    }

    @Override
    public void append(LogEvent event) {
        EVENTS.get(getName()).add(new Captured(event));
    }

    /** The live list of events received by appenders of that name. */
    public static List<Captured> events(String name) {
        return EVENTS.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
    }
}
