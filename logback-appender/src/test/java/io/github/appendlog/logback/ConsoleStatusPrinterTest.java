package io.github.appendlog.logback;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.InfoStatus;
import ch.qos.logback.core.status.OnConsoleStatusListener;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import ch.qos.logback.core.status.WarnStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A context with no status listener: after start, appendlog's warnings about a store that cannot be
 * reached reach {@code System.err}, once per {@code dropReportInterval}; INFO and other components'
 * statuses do not; a configured {@code OnConsoleStatusListener} is left to print alone.
 */
@Timeout(60)
class ConsoleStatusPrinterTest {
    private static final String CONFIG = "logback-console-status.xml";
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureStandardError() {
        originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardError() {
        System.setErr(originalErr);
    }

    private List<String> printed() {
        return Arrays.stream(captured.toString(StandardCharsets.UTF_8).split("\n"))
                .filter(l -> !l.isEmpty()).collect(Collectors.toList());
    }

    private List<String> printed(String part) {
        return printed().stream().filter(l -> l.contains(part)).collect(Collectors.toList());
    }

    @Test
    void anOutageAfterStartIsPrintedOncePerReportIntervalAndInfoIsNot() throws Exception {
        LoggerContext context = XmlContext.load(CONFIG, deadStore("console/app.log"));
        try {
            assertEquals(1, printers(context), "one printer added to a context that had no listener");
            assertTrue(printed().isEmpty(), "nothing printed before anything went wrong: " + printed());
            long start = System.nanoTime();
            context.getLogger("app").info("cannot land");

            await().atMost(Duration.ofSeconds(10)).until(() -> !printed("cannot append").isEmpty());
            String first = printed("cannot append").get(0);
            assertTrue(first.matches("\\d\\d:\\d\\d:\\d\\d,\\d{3} \\|-WARN appendlog 'OSS': cannot append to .*"), first);
            await().atMost(Duration.ofSeconds(10)).until(() -> !printed("still fails").isEmpty());
            double seconds = (System.nanoTime() - start) / 1e9;
            List<String> failures = printed("cannot append");
            assertTrue(failures.size() <= 2 + (long) seconds, failures.size() + " lines in " + seconds + " s: " + failures);
            assertTrue(printed("still fails").get(0).matches(".*still fails \\((\\d{2,}|[2-9]) more failed attempts.*"),
                    "many attempts, one line: " + printed("still fails"));

            assertTrue(printed().stream().allMatch(l -> l.contains(" |-WARN appendlog 'OSS': ")), printed()::toString);
            List<String> infos = XmlContext.statusMessages(context, Status.INFO);
            assertTrue(infos.stream().anyMatch(m -> m.contains("appends to")), infos::toString);
            assertTrue(printed("appends to").isEmpty(), "INFO is not printed: " + printed());
        } finally {
            context.stop();
        }
        assertEquals(1, printed("could not be delivered").size(), "what stop could not flush is printed: " + printed());
    }

    @Test
    void aConfiguredOnConsoleStatusListenerPrintsAloneAndNoPrinterIsAdded() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        OnConsoleStatusListener console = new OnConsoleStatusListener();
        console.setContext(context);
        context.getStatusManager().add(console); // as <statusListener> or debug="true" would
        deadStore("console-listener/app.log").forEach(context::putProperty);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(XmlContext.class.getResource("/" + CONFIG));
        try {
            assertEquals(0, printers(context));
            context.getLogger("app").info("cannot land");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> XmlContext.statusMessages(context, Status.WARN).stream().anyMatch(m -> m.contains("cannot append")));
            assertTrue(printed().isEmpty(), "printed by OnConsoleStatusListener only: " + printed());
        } finally {
            context.stop();
        }
    }

    @Test
    void printsOnlyTheWarningsAndErrorsOfAppendlogAppendersAndIsAddedOncePerContext() {
        LoggerContext context = new LoggerContext();
        assertTrue(ConsoleStatusPrinter.addIfNoListener(context));
        assertFalse(ConsoleStatusPrinter.addIfNoListener(context), "a second appender finds the printer");
        assertEquals(1, printers(context));
        AppendObjectAppender appender = new AppendObjectAppender();
        appender.setContext(context);
        appender.setName("A");
        context.getStatusManager().add(new WarnStatus("a WARN of another component", new Object()));
        context.getStatusManager().add(new InfoStatus("appendlog 'A': an INFO", appender));
        assertTrue(printed().isEmpty(), printed()::toString);
        appender.addWarn("appendlog 'A': the store is down");
        appender.addError("appendlog 'A': a bug", new IllegalStateException("where"));
        assertTrue(printed().get(0).endsWith(" |-WARN appendlog 'A': the store is down"), printed()::toString);
        assertTrue(printed().get(1).endsWith(" |-ERROR appendlog 'A': a bug"), printed()::toString);
        assertTrue(printed().get(2).contains("IllegalStateException: where"), printed()::toString);
        context.reset();
        assertEquals(0, printers(context), "the context's reset removes it");
    }

    private static long printers(LoggerContext context) {
        List<StatusListener> listeners = context.getStatusManager().getCopyOfStatusListenerList();
        return listeners.stream().filter(l -> l instanceof ConsoleStatusPrinter).count();
    }

    /** Settings that point at a loopback port nothing listens on. */
    private static Map<String, String> deadStore(String objectKey) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        return Map.of("endpoint", "http://127.0.0.1:" + port, "region", "cn-hangzhou", "bucket", "logs",
                "objectKey", objectKey, "accessKeyId", "test-id", "accessKeySecret", "test-secret");
    }
}
