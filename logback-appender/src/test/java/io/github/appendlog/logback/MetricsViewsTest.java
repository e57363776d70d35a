package io.github.appendlog.logback;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import io.github.appendlog.status.PipelineStats;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** getStats(), the MBean and the Micrometer meters of a Logback appender, across a reset and stop. */
@Timeout(60)
class MetricsViewsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final EmulatedStore store = new EmulatedStore();
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private ObjectName name;

    @BeforeEach
    void addRegistry() throws Exception {
        Metrics.addRegistry(registry);
        name = new ObjectName("io.github.appendlog:type=AppendObjectAppender,name=MetricsLb,framework=logback");
    }

    @AfterEach
    void close() {
        Metrics.removeRegistry(registry);
        registry.close();
        store.close();
    }

    private Set<ObjectName> ours() throws Exception {
        return server.queryNames(new ObjectName("io.github.appendlog:type=AppendObjectAppender,name=MetricsLb,*"),
                null);
    }

    private double events(String outcome) {
        return registry.get("appendlog.events").tag("appender", "MetricsLb").tag("outcome", outcome)
                .functionCounter().count();
    }

    @Test
    void viewsMoveWhileLoggingAndAResetLeavesOneMBean() throws Exception {
        LoggerContext context = XmlContext.load("logback-metrics.xml", store.properties("metrics/app.log"));
        AppendObjectAppender first = (AppendObjectAppender) context.getLogger(Logger.ROOT_LOGGER_NAME)
                .getAppender("MetricsLb");
        Logger log = context.getLogger("app");
        assertEquals(Set.of(name), ours());

        for (int i = 0; i < 20; i++) {
            log.info("line {}", i);
        }
        await().atMost(WAIT).until(() -> (Long) server.getAttribute(name, "EventsAppended") == 20);
        PipelineStats stats = first.getStats();
        assertEquals(20, stats.offered());
        assertEquals("metrics/app.log", server.getAttribute(name, "ObjectKey"));
        assertEquals(stats.bytesSent(), server.getAttribute(name, "ObjectPosition"));
        assertEquals(stats.bytesSent(), server.getAttribute(name, "BytesSent"));
        assertNotNull(server.getAttribute(name, "LastSuccessTime"));
        assertEquals(20.0, events("appended"));
        assertEquals(20.0, events("handed_over"));
        assertEquals(0.0, events("dropped_buffer_full"));
        assertEquals((double) stats.bytesSent(),
                registry.get("appendlog.bytes.sent").tag("framework", "logback").functionCounter().count());
        assertEquals(0.0, registry.get("appendlog.buffer.bytes").tag("appender", "MetricsLb").gauge().value());
        assertEquals(0.0, registry.get("appendlog.unsent.age").timeGauge().value(TimeUnit.MILLISECONDS));

        // A reset stops the appender (its MBean and meters go), the configuration starts a new one.
        XmlContext.reconfigure(context, "logback-metrics.xml", store.properties("metrics/app.log"));
        AppendObjectAppender second = (AppendObjectAppender) context.getLogger(Logger.ROOT_LOGGER_NAME)
                .getAppender("MetricsLb");
        assertNotSame(first, second);
        assertEquals(Set.of(name), ours());
        assertEquals(0L, server.getAttribute(name, "EventsHandedOver"), "the new appender's counts");
        log.info("after the reset");
        await().atMost(WAIT).until(() -> events("appended") == 1.0);
        assertEquals(1, registry.find("appendlog.events").tag("outcome", "appended").functionCounters().size());

        context.stop();
        assertTrue(ours().isEmpty(), "stop unregisters the MBean");
        assertTrue(registry.find("appendlog.events").meters().isEmpty(), "stop removes the meters");
        assertEquals(20, first.getStats().appendedEvents(), "a stopped appender's snapshot stays readable");
        assertTrue(XmlContext.statusMessages(context, Status.ERROR).isEmpty(),
                () -> XmlContext.statusMessages(context, Status.ERROR).toString());
    }

    @Test
    void theStoreDownShowsInTheErrorsAndTheUnsentAge() throws Exception {
        LoggerContext context = XmlContext.load("logback-metrics.xml", store.properties("down/app.log"));
        store.emu.close(); // nothing listens any more
        context.getLogger("app").warn("waits for the store");
        await().atMost(WAIT).until(() -> (Long) server.getAttribute(name, "FailedAppends") >= 1);
        assertNotNull(server.getAttribute(name, "LastError"));
        assertNotNull(server.getAttribute(name, "LastErrorTime"));
        assertTrue((Long) server.getAttribute(name, "BufferedBytes") > 0);
        assertTrue(registry.get("appendlog.append.errors").functionCounter().count() >= 1);
        await().atMost(WAIT).until(
                () -> registry.get("appendlog.unsent.age").timeGauge().value(TimeUnit.MILLISECONDS) >= 200);
        context.stop();
        assertTrue(ours().isEmpty());
    }
}
