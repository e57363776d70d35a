package io.github.appendlog.reliability;

import io.github.appendlog.log4j2.AppendObjectAppender;
import io.github.appendlog.status.PipelineStats;
import java.net.URL;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * A Log4j2 application: its own {@link LoggerContext} from a real log4j2.xml, whose
 * {@code ${sys:rel.*}} lookups read the settings (set as system properties just before the context
 * starts or reloads). Status messages are captured from the {@link StatusLogger} (JVM-wide: the
 * suite runs one test class per JVM and its tests one after another).
 */
final class Log4j2App extends LoggingApp {
    private static final String PREFIX = "rel.";
    private static final Set<String> SET_KEYS = new HashSet<>();

    private final LoggerContext context;
    private final Map<String, String> settings;
    private final StatusListener listener = new StatusListener() {
        @Override
        public void log(StatusData data) {
            captureStatus(data.getLevel().isMoreSpecificThan(Level.ERROR) ? "ERROR"
                    : data.getLevel().isMoreSpecificThan(Level.WARN) ? "WARN" : "INFO",
                    data.getMessage().getFormattedMessage(), data.getThrowable());
        }

        @Override
        public Level getStatusLevel() {
            return Level.TRACE;
        }

        @Override
        public void close() {
        }
    };
    Log4j2App(String resource, String appenderName, Map<String, String> settings) throws Exception {
        super(appenderName);
        this.settings = settings;
        URL url = testResource(resource);
        StatusLogger.getLogger().registerListener(listener);
        publish();
        context = new LoggerContext("app-" + appenderName, null, url.toURI());
        context.start();
        Logger logger = context.getLogger("app");
        logTo(logger::info, logger::info, logger::warn);
    }

    private void publish() {
        synchronized (SET_KEYS) {
            for (String k : SET_KEYS) {
                System.clearProperty(PREFIX + k);
            }
            SET_KEYS.clear();
            System.setProperty(PREFIX + "appenderName", appenderName);
            SET_KEYS.add("appenderName");
            settings.forEach((k, v) -> {
                System.setProperty(PREFIX + k, v);
                SET_KEYS.add(k);
            });
        }
    }

    @Override
    boolean appenderStarted() {
        Appender a = context.getConfiguration().getAppender(appenderName);
        return a != null && a.isStarted();
    }

    @Override
    PipelineStats stats() {
        Appender a = context.getConfiguration().getAppender(appenderName);
        return a instanceof AppendObjectAppender ? ((AppendObjectAppender) a).getStats() : PipelineStats.none();
    }

    /** As a changed log4j2.xml does: a new configuration from the same file replaces the running one. */
    @Override
    void reload() {
        publish();
        context.reconfigure();
    }

    @Override
    void stopContext() {
        context.stop(60, TimeUnit.SECONDS);
    }

    @Override
    void release() {
        StatusLogger.getLogger().removeListener(listener);
    }
}
