package io.github.appendlog.status;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * One appender's {@link AppendObjectAppenderMXBean} in the platform MBean server, from
 * {@link #register} (at the appender's start) to {@link #unregister} (at its stop). The name always
 * carries the framework, so a Logback and a Log4j2 appender of the same name in one JVM never clash:
 * {@code io.github.appendlog:type=AppendObjectAppender,name=<name>,framework=<framework>} (the name
 * quoted when it holds a character JMX reserves).
 *
 * <p>When another appender of the same name and framework is registered (a reload that starts the
 * new appender before the old one stops, or two logger contexts), the newest replaces it, and the
 * older one's {@code unregister} then leaves the newer in place: one MBean per name, that of the
 * appender started last. Registration problems (no JMX in this runtime, a security manager) are
 * reported as a WARN and never stop the appender.
 */
public final class AppenderMBean implements AppendObjectAppenderMXBean {
    /** Who registered each name last; guarded by its own lock. */
    private static final Map<ObjectName, AppenderMBean> OWNERS = new HashMap<>();

    private final String name;
    private final String framework;
    private final Supplier<PipelineStats> stats;
    private final ObjectName objectName;

    private AppenderMBean(String name, String framework, Supplier<PipelineStats> stats, ObjectName objectName) {
        this.name = name;
        this.framework = framework;
        this.stats = stats;
        this.objectName = objectName;
    }

    /** The object name of an appender's MBean. */
    public static ObjectName objectName(String name, String framework) {
        try {
            return new ObjectName("io.github.appendlog:type=AppendObjectAppender,name=" + quoteIfNeeded(name)
                    + ",framework=" + quoteIfNeeded(framework));
        } catch (JMException e) {
            throw new IllegalArgumentException("appender name '" + name + "' cannot be part of a JMX name", e);
        }
    }

    /**
     * Registers the MBean of appender {@code name}, replacing one of the same name and framework.
     *
     * @return the registration, or null when it failed (reported through {@code status} as a WARN)
     */
    public static AppenderMBean register(String name, String framework, Supplier<PipelineStats> stats,
            StatusReporter status) {
        try {
            AppenderMBean bean = new AppenderMBean(name, framework, stats, objectName(name, framework));
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            synchronized (OWNERS) {
                if (server.isRegistered(bean.objectName)) {
                    server.unregisterMBean(bean.objectName);
                }
                server.registerMBean(bean, bean.objectName);
                OWNERS.put(bean.objectName, bean);
            }
            return bean;
        } catch (JMException | RuntimeException | LinkageError e) {
            status.warn("appendlog '" + name + "': no JMX MBean (" + e + "); the appender works without it", null);
            return null;
        }
    }

    /** Unregisters this MBean unless a newer appender of the same name replaced it. Idempotent. */
    public void unregister() {
        synchronized (OWNERS) {
            if (OWNERS.get(objectName) != this) {
                return;
            }
            OWNERS.remove(objectName);
            try {
                MBeanServer server = ManagementFactory.getPlatformMBeanServer();
                if (server.isRegistered(objectName)) {
                    server.unregisterMBean(objectName);
                }
            } catch (JMException | RuntimeException e) {
                // Gone already (someone else unregistered it): nothing is left to do.
            }
        }
    }

    /** This MBean's name in the platform MBean server. */
    public ObjectName getObjectName() {
        return objectName;
    }

    private static String quoteIfNeeded(String value) {
        String text = String.valueOf(value);
        for (char c : new char[] {',', '=', ':', '"', '*', '?', '\n', '\\'}) {
            if (text.indexOf(c) >= 0) {
                return ObjectName.quote(text);
            }
        }
        return text.isEmpty() ? ObjectName.quote(text) : text;
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getFramework() {
        return framework;
    }

    @Override
    public long getEventsHandedOver() {
        return stats.get().offered();
    }

    @Override
    public long getEventsAppended() {
        return stats.get().appendedEvents();
    }

    @Override
    public long getEventsDroppedBufferFull() {
        return stats.get().droppedBufferFull();
    }

    @Override
    public long getEventsDroppedBelowWarn() {
        return stats.get().droppedBelowWarn();
    }

    @Override
    public long getEventsDroppedAfterStop() {
        return stats.get().refusedAfterStop();
    }

    @Override
    public long getEventsDroppedEncodeFailure() {
        return stats.get().encodeFailures();
    }

    @Override
    public long getEventsTruncated() {
        return stats.get().truncated();
    }

    @Override
    public long getEventsUnsentAtStop() {
        return stats.get().unflushedAtStop();
    }

    @Override
    public long getBytesSent() {
        return stats.get().bytesSent();
    }

    @Override
    public long getBatchesSent() {
        return stats.get().batchesSent();
    }

    @Override
    public long getFailedAppends() {
        return stats.get().failedAppends();
    }

    @Override
    public long getRetries() {
        return stats.get().retries();
    }

    @Override
    public long getBufferedBytes() {
        return stats.get().bufferedBytes();
    }

    @Override
    public long getOldestUnsentAgeMillis() {
        return stats.get().oldestUnsentAgeMillis();
    }

    @Override
    public long getEventsJournalled() {
        return stats.get().journalledEvents();
    }

    @Override
    public long getEventsDroppedJournalFull() {
        return stats.get().droppedJournalFull();
    }

    @Override
    public long getEventsLostFromJournal() {
        return stats.get().journalLost();
    }

    @Override
    public long getJournalBytes() {
        return stats.get().journalBytes();
    }

    @Override
    public long getJournalBacklogBytes() {
        return stats.get().journalBacklogBytes();
    }

    @Override
    public String getObjectKey() {
        return stats.get().objectKey();
    }

    @Override
    public long getObjectPosition() {
        return stats.get().objectPosition();
    }

    @Override
    public String getLastErrorTime() {
        return time(stats.get().lastErrorTime());
    }

    @Override
    public String getLastError() {
        return stats.get().lastError();
    }

    @Override
    public String getLastSuccessTime() {
        return time(stats.get().lastSuccessTime());
    }
}
