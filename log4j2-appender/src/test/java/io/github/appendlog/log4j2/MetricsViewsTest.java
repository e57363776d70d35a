package io.github.appendlog.log4j2;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.status.PipelineStats;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** getStats(), the MBean and the Micrometer meters of a Log4j2 appender, across a reload and stop. */
class MetricsViewsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final TestStore store = new TestStore();
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private ObjectName name;

    @BeforeEach
    void addRegistry() throws Exception {
        Metrics.addRegistry(registry);
        name = new ObjectName("io.github.appendlog:type=AppendObjectAppender,name=Metrics4j,framework=log4j2");
    }

    @AfterEach
    void removeRegistry() {
        Metrics.removeRegistry(registry);
        registry.close();
    }

    private Set<ObjectName> ours() throws Exception {
        return server.queryNames(new ObjectName("io.github.appendlog:type=AppendObjectAppender,name=Metrics4j,*"),
                null);
    }

    private double events(String outcome) {
        return registry.get("appendlog.events").tag("appender", "Metrics4j").tag("outcome", outcome)
                .functionCounter().count();
    }

    @Test
    void viewsMoveWhileLoggingSurviveAReloadAndGoAtStop() throws Exception {
        TestStore.objectKey("metrics/app.log");
        LoggerContext context = TestContexts.context("metrics-a.xml");
        AppendObjectAppender first = context.getConfiguration().getAppender("Metrics4j");
        Logger logger = context.getLogger("it.metrics");
        assertEquals(Set.of(name), ours());

        for (int i = 0; i < 20; i++) {
            logger.info("line {}", i);
        }
        await().atMost(WAIT).until(() -> (Long) server.getAttribute(name, "EventsAppended") == 20);
        PipelineStats stats = first.getStats();
        assertEquals(20, stats.appendedEvents());
        assertEquals("metrics/app.log", server.getAttribute(name, "ObjectKey"));
        assertEquals(stats.bytesSent(), server.getAttribute(name, "ObjectPosition"));
        assertNotNull(server.getAttribute(name, "LastSuccessTime"));
        assertEquals(20.0, events("appended"));
        assertEquals(20.0, events("handed_over"));
        assertEquals((double) stats.bytesSent(),
                registry.get("appendlog.bytes.sent").tag("appender", "Metrics4j").functionCounter().count());
        assertTrue(registry.get("appendlog.batches").tag("framework", "log4j2").functionCounter().count() >= 1);
        assertEquals(0.0, registry.get("appendlog.append.errors").functionCounter().count());
        assertEquals(0.0, registry.get("appendlog.buffer.bytes").gauge().value());
        assertEquals(0.0, registry.get("appendlog.unsent.age").timeGauge().value(TimeUnit.MILLISECONDS));

        // Same settings: the reload keeps the pipeline, and with it the MBean and the meters.
        context.setConfigLocation(TestContexts.resource("metrics-a.xml"));
        AppendObjectAppender same = context.getConfiguration().getAppender("Metrics4j");
        assertSame(first.getManager(), same.getManager());
        assertEquals(Set.of(name), ours());
        assertEquals(20L, server.getAttribute(name, "EventsAppended"));
        assertEquals(20.0, events("appended"));

        // Another key: a new pipeline; its MBean replaces the old one's, and the old stop removes nothing of it.
        context.setConfigLocation(TestContexts.resource("metrics-b.xml"));
        AppendObjectAppender other = context.getConfiguration().getAppender("Metrics4j");
        assertNotSame(first.getManager(), other.getManager());
        assertTrue(first.isStopped());
        assertEquals(Set.of(name), ours());
        logger.info("after the reload");
        await().atMost(WAIT).until(() -> (Long) server.getAttribute(name, "EventsAppended") == 1);
        assertEquals("metrics/app.log.b", server.getAttribute(name, "ObjectKey"));
        assertEquals(1, registry.find("appendlog.events").tag("outcome", "appended").functionCounters().size());
        assertEquals(1.0, events("appended"));

        assertTrue(context.stop(30, TimeUnit.SECONDS));
        assertTrue(ours().isEmpty(), "stop unregisters the MBean");
        assertTrue(registry.find("appendlog.events").meters().isEmpty(), "stop removes the meters");
        assertEquals(1, other.getStats().appendedEvents(), "the snapshot stays readable after stop");
    }
}
