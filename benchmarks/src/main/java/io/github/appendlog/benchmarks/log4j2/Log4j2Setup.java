package io.github.appendlog.benchmarks.log4j2;

import io.github.appendlog.benchmarks.BenchProperties;
import io.github.appendlog.benchmarks.LogLine;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Configures Log4j2 from one of the real XML files in {@code src/main/resources}
 * ({@code log4j2-<variant>.xml}) in a context of its own, and hands out the benchmark logger.
 */
public final class Log4j2Setup implements AutoCloseable {
    private final LoggerContext context;
    private final Logger logger;

    private Log4j2Setup(LoggerContext context) {
        this.context = context;
        this.logger = context.getLogger(LogLine.LOGGER_NAME);
    }

    public static Log4j2Setup configure(String variant) {
        BenchProperties.setDefaults();
        String resource = "log4j2-" + variant + ".xml";
        if (Log4j2Setup.class.getClassLoader().getResource(resource) == null) {
            throw new IllegalArgumentException("no " + resource + " on the class path");
        }
        LoggerContext context = Configurator.initialize("bench-" + variant, Log4j2Setup.class.getClassLoader(),
                "classpath:" + resource);
        if (context == null || context.getConfiguration().getAppenders().isEmpty()) {
            throw new IllegalStateException("cannot configure " + resource + " (see the status output above)");
        }
        return new Log4j2Setup(context);
    }

    public Logger logger() {
        return logger;
    }

    public LoggerContext context() {
        return context;
    }

    /** Puts the benchmark's MDC (ThreadContext) entries on the calling thread. */
    public static void putMdc() {
        ThreadContext.put(LogLine.MDC_REQUEST_KEY, LogLine.MDC_REQUEST_VALUE);
        ThreadContext.put(LogLine.MDC_USER_KEY, LogLine.MDC_USER_VALUE);
    }

    /** Stops every appender, flushing what they hold, within a generous bound. */
    @Override
    public void close() {
        context.stop(60, TimeUnit.SECONDS);
    }
}
