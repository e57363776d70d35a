package io.github.appendlog.reliability;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.status.StatusListener;
import java.net.URL;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Logback application: its own {@link LoggerContext} configured by Joran from a real logback.xml. */
final class LogbackApp extends LoggingApp {
    private final LoggerContext context = new LoggerContext();
    private final String resource;
    private final Map<String, String> settings;
    private final List<Status> statuses = new CopyOnWriteArrayList<>();
    private final Logger logger;

    LogbackApp(String resource, String appenderName, Map<String, String> settings) throws Exception {
        super(appenderName);
        this.resource = resource;
        this.settings = settings;
        context.setName("app-" + appenderName);
        context.getStatusManager().add(new Listener());
        configure();
        logger = context.getLogger("app");
    }

    private void configure() throws Exception {
        URL url = LogbackApp.class.getResource("/" + resource);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + resource);
        }
        context.putProperty("appenderName", appenderName);
        // Joran prints every substituted ${variable} in its status output unless the variable's name
        // says secret, password or confidential: the XML reads the token from ${securityTokenSecret}.
        settings.forEach((k, v) -> context.putProperty(k.equals("securityToken") ? "securityTokenSecret" : k, v));
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(url);
    }

    @Override
    void info(String message) {
        logger.info(message);
    }

    @Override
    void info(String message, Throwable t) {
        logger.info(message, t);
    }

    @Override
    void infoNull() {
        logger.info((String) null);
    }

    @Override
    void warn(String message) {
        logger.warn(message);
    }

    @Override
    boolean appenderStarted() {
        Appender<?> a = appender();
        return a != null && a.isStarted();
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

    @Override
    List<Status> statuses() {
        return new ArrayList<>(statuses);
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
            statuses.add(new Status(level, status.getMessage()
                    + (status.getThrowable() == null ? "" : describe(status.getThrowable()))));
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
