package io.github.appendlog.reliability;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.status.StatusListener;
import io.github.appendlog.logback.AppendObjectAppender;
import io.github.appendlog.status.PipelineStats;
import java.util.Iterator;
import java.util.Map;

/** A Logback application: its own {@link LoggerContext} configured by Joran from a real logback.xml. */
final class LogbackApp extends LoggingApp {
    private final LoggerContext context = new LoggerContext();
    private final String resource;
    private final Map<String, String> settings;

    LogbackApp(String resource, String appenderName, Map<String, String> settings) throws Exception {
        super(appenderName);
        this.resource = resource;
        this.settings = settings;
        context.setName("app-" + appenderName);
        context.getStatusManager().add(new Listener());
        configure();
        Logger logger = context.getLogger("app");
        logTo(logger::info, logger::info, logger::warn);
    }

    private void configure() throws Exception {
        context.putProperty("appenderName", appenderName);
        // Joran prints every substituted ${variable} in its status output unless the variable's name
        // says secret, password or confidential: the XML reads the token from ${securityTokenSecret}.
        settings.forEach((k, v) -> context.putProperty(k.equals("securityToken") ? "securityTokenSecret" : k, v));
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(testResource(resource));
    }

    @Override
    boolean appenderStarted() {
        Appender<?> a = appender();
        return a != null && a.isStarted();
    }

    @Override
    PipelineStats stats() {
        Appender<?> a = appender();
        return a instanceof AppendObjectAppender ? ((AppendObjectAppender) a).getStats() : PipelineStats.none();
    }

    /** The appender named {@code appenderName} on the root logger, or null. */
    Appender<?> appender() {
        for (Iterator<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> it =
                context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders(); it.hasNext(); ) {
            Appender<?> a = it.next();
            if (appenderName.equals(a.getName())) {
                return a;
            }
        }
        return null;
    }

    /** As Logback's own reconfiguration does: reset the context (stopping the old appender), configure anew. */
    @Override
    void reload() throws Exception {
        context.reset();
        configure();
    }

    @Override
    void stopContext() {
        context.stop();
    }

    @Override
    void release() {
    }

    private final class Listener implements StatusListener {
        @Override
        public void addStatusEvent(ch.qos.logback.core.status.Status status) {
            record(status);
        }

        private void record(ch.qos.logback.core.status.Status status) {
            String level = status.getLevel() == ch.qos.logback.core.status.Status.ERROR ? "ERROR"
                    : status.getLevel() == ch.qos.logback.core.status.Status.WARN ? "WARN" : "INFO";
            captureStatus(level, status.getMessage(), status.getThrowable());
            if (status.hasChildren()) {
                for (Iterator<ch.qos.logback.core.status.Status> it = status.iterator(); it.hasNext(); ) {
                    record(it.next());
                }
            }
        }

        /** Kept across {@link LoggerContext#reset()}, so a reload's messages are captured too. */
        @Override
        public boolean isResetResistant() {
            return true;
        }
    }
}
