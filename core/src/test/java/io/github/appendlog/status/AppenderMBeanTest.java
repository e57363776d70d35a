package io.github.appendlog.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The MBean as JMX clients see it, through the platform MBean server. */
class AppenderMBeanTest {
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Test
    void attributesAreReadFromTheSnapshotWhenAsked() throws Exception {
        EventLedger ledger = new EventLedger(Clock.systemUTC());
        AppenderMBean bean = AppenderMBean.register("mbean-attrs", "logback", () -> ledger.snapshot(7),
                StatusReporter.NONE);
        ObjectName name = new ObjectName("io.github.appendlog:type=AppendObjectAppender,name=mbean-attrs,framework=logback");
        try {
            assertEquals(name, bean.getObjectName());
            assertEquals(0L, server.getAttribute(name, "EventsAppended"));
            ledger.appended(3, 300);
            ledger.droppedBufferFull();
            ledger.delivery().landed("logs/app.log", 300);
            ledger.delivery().failed("cannot append: 503 SlowDown");
            assertEquals(3L, server.getAttribute(name, "EventsAppended"));
            assertEquals(300L, server.getAttribute(name, "BytesSent"));
            assertEquals(1L, server.getAttribute(name, "BatchesSent"));
            assertEquals(1L, server.getAttribute(name, "EventsDroppedBufferFull"));
            assertEquals(7L, server.getAttribute(name, "BufferedBytes"));
            assertEquals("logs/app.log", server.getAttribute(name, "ObjectKey"));
            assertEquals(300L, server.getAttribute(name, "ObjectPosition"));
            assertEquals("cannot append: 503 SlowDown", server.getAttribute(name, "LastError"));
            assertNotNull(server.getAttribute(name, "LastErrorTime"));
            assertNotNull(server.getAttribute(name, "LastSuccessTime"));
            assertEquals("logback", server.getAttribute(name, "Framework"));
        } finally {
            bean.unregister();
        }
        assertFalse(server.isRegistered(name));
        bean.unregister(); // idempotent
    }

    @Test
    void theNewestOfTheSameNameStaysWhenTheOlderUnregisters() throws Exception {
        AtomicReference<String> which = new AtomicReference<>();
        AppenderMBean older = AppenderMBean.register("mbean-reload", "log4j2", PipelineStats::none, StatusReporter.NONE);
        AppenderMBean newer = AppenderMBean.register("mbean-reload", "log4j2", () -> {
            which.set("newer");
            return PipelineStats.none();
        }, StatusReporter.NONE);
        ObjectName name = newer.getObjectName();
        assertEquals(1, server.queryNames(name, null).size());

        older.unregister();
        assertTrue(server.isRegistered(name), "the older appender's stop leaves the newer one's MBean");
        server.getAttribute(name, "EventsHandedOver");
        assertEquals("newer", which.get());

        newer.unregister();
        assertFalse(server.isRegistered(name));
    }

    @Test
    void bothFrameworksMayUseOneName() throws Exception {
        AppenderMBean logback = AppenderMBean.register("OSS-both", "logback", PipelineStats::none, StatusReporter.NONE);
        AppenderMBean log4j2 = AppenderMBean.register("OSS-both", "log4j2", PipelineStats::none, StatusReporter.NONE);
        try {
            assertEquals(2, server.queryNames(
                    new ObjectName("io.github.appendlog:type=AppendObjectAppender,name=OSS-both,*"), null).size());
        } finally {
            logback.unregister();
            log4j2.unregister();
        }
    }

    @Test
    void aNameWithCharactersJmxReservesIsQuoted() throws Exception {
        AppenderMBean bean = AppenderMBean.register("oss,main=1", "logback", PipelineStats::none, StatusReporter.NONE);
        try {
            assertTrue(server.isRegistered(bean.getObjectName()));
            assertEquals("oss,main=1", ObjectName.unquote(bean.getObjectName().getKeyProperty("name")));
            assertEquals("oss,main=1", server.getAttribute(bean.getObjectName(), "Name"));
        } finally {
            bean.unregister();
        }
    }
}
