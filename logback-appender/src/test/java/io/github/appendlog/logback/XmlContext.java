package io.github.appendlog.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A fresh {@link LoggerContext} configured from a real {@code logback.xml} in the test resources. */
final class XmlContext {

    private XmlContext() {
    }

    /** Each property is visible to the file as {@code ${name}}. */
    static LoggerContext load(String resource, Map<String, String> properties) throws JoranException {
        LoggerContext context = new LoggerContext();
        context.setName(resource);
        context.setMDCAdapter(new LogbackMDCAdapter());
        reconfigure(context, resource, properties);
        return context;
    }

    /** Resets the context (e.g. the one SLF4J is bound to) and configures it from the file. */
    static void reconfigure(LoggerContext context, String resource, Map<String, String> properties)
            throws JoranException {
        URL url = XmlContext.class.getResource("/" + resource);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + resource);
        }
        context.reset();
        properties.forEach(context::putProperty);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(url);
    }

    /** Every status message of the given level ({@link Status#ERROR}, {@link Status#WARN}...). */
    static List<String> statusMessages(LoggerContext context, int level) {
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() == level)
                .map(XmlContext::describe)
                .collect(Collectors.toList());
    }

    private static String describe(Status status) {
        return status.getMessage() + (status.getThrowable() == null ? "" : " " + status.getThrowable());
    }
}
