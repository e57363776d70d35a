package io.github.appendlog.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Events are encoded on the pipeline's encoder thread by default, yet print what they were when they
 * were logged: message arguments, MDC, thread name and, when the pattern asks for it, the caller.
 * With {@code encodeOnCallerThread} the logging thread encodes.
 */
class DeferredEncodingTest {
    private final EmulatedStore store = new EmulatedStore();

    @BeforeEach
    void forgetThreads() {
        ThreadRecordingEncoder.THREADS.clear();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private LoggerContext load(String pattern, String encodeOnCallerThread) throws Exception {
        Map<String, String> properties = new HashMap<>(store.properties("deferred/app.log"));
        properties.put("pattern", pattern);
        properties.put("encodeOnCallerThread", encodeOnCallerThread);
        LoggerContext context = XmlContext.load("logback-deferred.xml", properties);
        assertTrue(XmlContext.statusMessages(context, Status.ERROR).isEmpty(),
                () -> XmlContext.statusMessages(context, Status.ERROR).toString());
        return context;
    }

    /** Logs on a thread of its own, named {@code name}, and renames it right after the call. */
    private static void logOnThread(String name, Runnable log) throws InterruptedException {
        Thread thread = new Thread(() -> {
            log.run();
            Thread.currentThread().setName(name + "-renamed");
        }, name);
        thread.start();
        thread.join();
    }

    @Test
    void printsTheArgumentsMdcAndThreadAsTheyWereWhenLogged() throws Exception {
        LoggerContext context = load("[%thread] %X{request} %msg%n", "false");
        Logger log = context.getLogger("app");
        StringBuilder mutable = new StringBuilder("before");
        logOnThread("caller-1", () -> {
            context.getMDCAdapter().put("request", "r-1");
            log.info("order {} placed", mutable);
            context.getMDCAdapter().put("request", "r-2");
            mutable.setLength(0);
            mutable.append("after");
        });
        context.stop();

        assertEquals(List.of("[caller-1] r-1 order before placed"), store.lines("deferred/"));
        assertEquals(Set.of("appendlog-encoder-OSS"), ThreadRecordingEncoder.THREADS);
    }

    @Test
    void takesCallerDataOnTheLoggingThreadWhenThePatternShowsIt() throws Exception {
        LoggerContext context = load("%method:%line %msg%n", "false");
        Logger log = context.getLogger("app");
        AtomicReference<Integer> line = new AtomicReference<>();
        logOnThread("caller-2", () -> logFromHere(log, line));
        context.stop();

        assertEquals(List.of("logFromHere:" + line.get() + " with caller data"), store.lines("deferred/"));
        assertEquals(Set.of("appendlog-encoder-OSS"), ThreadRecordingEncoder.THREADS);
    }

    private static void logFromHere(Logger log, AtomicReference<Integer> line) {
        line.set(new Throwable().getStackTrace()[0].getLineNumber() + 1);
        log.info("with caller data");
    }

    @Test
    void withEncodeOnCallerThreadTheLoggingThreadEncodes() throws Exception {
        LoggerContext context = load("[%thread] %msg%n", "true");
        Logger log = context.getLogger("app");
        logOnThread("caller-3", () -> log.info("encoded here"));
        context.stop();

        assertEquals(List.of("[caller-3] encoded here"), store.lines("deferred/"));
        assertEquals(Set.of("caller-3"), ThreadRecordingEncoder.THREADS);
    }

    @Test
    void aWrongEncodeOnCallerThreadValueIsNamedAndTheAppenderStaysStopped() throws Exception {
        Map<String, String> properties = new HashMap<>(store.properties("deferred/app.log"));
        properties.put("pattern", "%msg%n");
        properties.put("encodeOnCallerThread", "sometimes");
        LoggerContext context = XmlContext.load("logback-deferred.xml", properties);
        assertTrue(XmlContext.statusMessages(context, Status.ERROR).stream()
                        .anyMatch(m -> m.contains("encodeOnCallerThread: 'sometimes' is not true or false")),
                () -> XmlContext.statusMessages(context, Status.ERROR).toString());
        context.stop();
    }
}
