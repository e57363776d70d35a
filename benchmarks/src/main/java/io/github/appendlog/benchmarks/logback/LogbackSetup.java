package io.github.appendlog.benchmarks.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.StatusPrinter2;
import io.github.appendlog.benchmarks.BenchProperties;
import io.github.appendlog.benchmarks.LogLine;
import java.net.URL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Configures Logback from one of the real XML files in {@code src/main/resources}
 * ({@code logback-<variant>.xml}) and hands out the benchmark logger. Any ERROR status during
 * configuration fails loudly: a benchmark of a misconfigured appender would measure nothing.
 */
public final class LogbackSetup implements AutoCloseable {
    private final LoggerContext context;
    private final Logger logger;

    private LogbackSetup(LoggerContext context) {
        this.context = context;
        this.logger = context.getLogger(LogLine.LOGGER_NAME);
    }

    public static LogbackSetup configure(String variant) {
        BenchProperties.setDefaults();
        String resource = "logback-" + variant + ".xml";
        URL url = LogbackSetup.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("no " + resource + " on the class path");
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        context.getStatusManager().clear();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(url);
        } catch (Exception e) {
            throw new IllegalStateException("cannot configure " + resource, e);
        }
        boolean failed = context.getStatusManager().getCopyOfStatusList().stream()
                .anyMatch(s -> s.getEffectiveLevel() >= Status.ERROR);
        if (failed) {
            new StatusPrinter2().print(context);
            throw new IllegalStateException(resource + " produced ERROR statuses (printed above)");
        }
        if (!context.isStarted()) {
            context.start(); // after a previous close(): a stopped context would ignore the next stop()
        }
        return new LogbackSetup(context);
    }

    public Logger logger() {
        return logger;
    }

    public LoggerContext context() {
        return context;
    }

    /** Puts the benchmark's MDC entries on the calling thread. */
    public static void putMdc() {
        MDC.put(LogLine.MDC_REQUEST_KEY, LogLine.MDC_REQUEST_VALUE);
        MDC.put(LogLine.MDC_USER_KEY, LogLine.MDC_USER_VALUE);
    }

    /** Stops every appender (flushing what they hold), then prints any WARN or ERROR status. */
    @Override
    public void close() {
        context.stop();
        for (Status s : context.getStatusManager().getCopyOfStatusList()) {
            if (s.getEffectiveLevel() >= Status.WARN) {
                System.out.println("logback status: " + s);
            }
        }
    }
}
