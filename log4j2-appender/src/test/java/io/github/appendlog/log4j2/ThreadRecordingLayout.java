package io.github.appendlog.log4j2;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.layout.AbstractStringLayout;

/**
 * A test layout, {@code <ThreadRecordingLayout/>}, printing {@code thread|message|request} (the
 * event's thread and its {@code request} context entry) and noting the threads it encodes on.
 */
@Plugin(name = "ThreadRecordingLayout", category = Node.CATEGORY, elementType = Layout.ELEMENT_TYPE)
public final class ThreadRecordingLayout extends AbstractStringLayout {
    static final Set<String> THREADS = ConcurrentHashMap.newKeySet();

    private ThreadRecordingLayout() {
        super(StandardCharsets.UTF_8);
    }

    @PluginFactory
    public static ThreadRecordingLayout create() {
        return new ThreadRecordingLayout();
    }

    @Override
    public String toSerializable(LogEvent event) {
        THREADS.add(Thread.currentThread().getName());
        return event.getThreadName() + "|" + event.getMessage().getFormattedMessage() + "|"
                + event.getContextData().getValue("request") + "\n";
    }
}
