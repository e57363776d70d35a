package io.github.appendlog.log4j2;

import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.layout.AbstractStringLayout;

/** A test layout that throws for messages containing {@code fail}: {@code <FailingLayout/>}. */
@Plugin(name = "FailingLayout", category = Node.CATEGORY, elementType = Layout.ELEMENT_TYPE)
public final class FailingLayout extends AbstractStringLayout {

    private FailingLayout() {
        super(StandardCharsets.UTF_8);
    }

    @PluginFactory
    public static FailingLayout create() {
        return new FailingLayout();
    }

    @Override
    public String toSerializable(LogEvent event) {
        String message = event.getMessage().getFormattedMessage();
        if (message.contains("fail")) {
            throw new IllegalStateException("cannot encode '" + message + "'");
        }
        return "EV|" + event.getThreadName() + "|" + message + "|" + event.getLoggerName() + "\n";
    }
}
