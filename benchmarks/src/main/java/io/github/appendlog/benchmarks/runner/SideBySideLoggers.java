package io.github.appendlog.benchmarks.runner;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import io.github.appendlog.benchmarks.BenchProperties;
import io.github.appendlog.benchmarks.LogLine;
import io.github.appendlog.benchmarks.LoopbackSink;
import io.github.appendlog.benchmarks.Store;
import io.github.appendlog.benchmarks.log4j2.Log4j2Setup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;

/**
 * One logger per variant, each in a logger context of its own configured from the variant's XML
 * file, all live at once in this JVM, so that a runner can alternate between them. The servers the
 * variants need (one store for both appendlog variants, a loopback sink for the HTTP peer) are
 * started first; {@code appendlog-journal} journals into a temporary directory, deleted on close.
 */
final class SideBySideLoggers implements AutoCloseable {
    private final Map<String, Runnable> calls = new LinkedHashMap<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private boolean storeStarted;

    static SideBySideLoggers start(String framework, String[] variants) throws Exception {
        SideBySideLoggers loggers = new SideBySideLoggers();
        BenchProperties.setDefaults();
        try {
            for (String variant : variants) {
                loggers.startSink(variant);
            }
            for (String variant : variants) {
                if (framework.equals("logback")) {
                    loggers.addLogback(variant);
                } else {
                    loggers.addLog4j2(variant);
                }
            }
        } catch (Exception | Error e) {
            loggers.close(); // the servers and contexts started so far: their threads would keep the JVM up
            throw e;
        }
        return loggers;
    }

    Runnable call(String variant) {
        return calls.get(variant);
    }

    private void startSink(String variant) throws IOException {
        if (variant.startsWith("appendlog") && !storeStarted) {
            storeStarted = true;
            toClose.add(Store.start());
        }
        if (variant.equals("appendlog-journal")) {
            Path journal = Files.createTempDirectory("appendlog-bench-journal");
            System.setProperty(BenchProperties.JOURNAL_DIRECTORY, journal.toString());
            toClose.add(() -> deleteTree(journal)); // after the contexts stopped: they are closed first
        } else if (variant.equals("loki4j")) {
            LoopbackSink sink = LoopbackSink.start();
            System.setProperty(BenchProperties.LOKI_URL, sink.baseUrl() + "/loki/api/v1/push");
            toClose.add(sink);
        }
    }

    private void addLogback(String variant) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setName("bench-" + variant);
        LogbackMDCAdapter mdc = new LogbackMDCAdapter();
        context.setMDCAdapter(mdc);
        mdc.put(LogLine.MDC_REQUEST_KEY, LogLine.MDC_REQUEST_VALUE); // the MDC of the measuring thread
        mdc.put(LogLine.MDC_USER_KEY, LogLine.MDC_USER_VALUE);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        toClose.add(0, context::stop);
        configurator.doConfigure(getClass().getClassLoader().getResource("logback-" + variant + ".xml"));
        if (context.getStatusManager().getCopyOfStatusList().stream().anyMatch(s -> s.getEffectiveLevel() >= Status.ERROR)) {
            throw new IllegalStateException("logback-" + variant + ".xml produced ERROR statuses");
        }
        context.start();
        org.slf4j.Logger logger = context.getLogger(LogLine.LOGGER_NAME);
        calls.put(variant, () -> logger.info(LogLine.TEMPLATE, LogLine.ARGUMENT));
    }

    private void addLog4j2(String variant) throws IOException {
        Log4j2Setup.putMdc();
        org.apache.logging.log4j.core.LoggerContext context =
                new org.apache.logging.log4j.core.LoggerContext("bench-" + variant);
        ConfigurationSource source = ConfigurationSource.fromResource("log4j2-" + variant + ".xml",
                getClass().getClassLoader());
        toClose.add(0, () -> context.stop(60, TimeUnit.SECONDS));
        context.start(new XmlConfiguration(context, source));
        if (context.getConfiguration().getAppenders().isEmpty()) {
            throw new IllegalStateException("cannot configure log4j2-" + variant + ".xml");
        }
        org.apache.logging.log4j.Logger logger = context.getLogger(LogLine.LOGGER_NAME);
        calls.put(variant, () -> logger.info(LogLine.TEMPLATE, LogLine.ARGUMENT));
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }
}
