package io.github.appendlog.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import io.github.appendlog.status.StatusReporter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextStatusReporterTest {

    @Test
    void reportsBecomeStatusesOfTheAppender() {
        LoggerContext context = new LoggerContext();
        AppendObjectAppender appender = new AppendObjectAppender();
        appender.setContext(context);
        appender.setName("OSS");
        StatusReporter reporter = new ContextStatusReporter(appender);
        IllegalStateException cause = new IllegalStateException("cause");

        reporter.info("sent");
        reporter.warn("dropped 3 events");
        reporter.error("AccessDenied: check accessKeyId", cause);

        List<Status> statuses = context.getStatusManager().getCopyOfStatusList();
        assertEquals(3, statuses.size());
        assertEquals(Status.INFO, statuses.get(0).getEffectiveLevel());
        assertEquals("sent", statuses.get(0).getMessage());
        assertEquals(Status.WARN, statuses.get(1).getEffectiveLevel());
        assertEquals(Status.ERROR, statuses.get(2).getEffectiveLevel());
        assertSame(cause, statuses.get(2).getThrowable());
        statuses.forEach(s -> assertSame(appender, s.getOrigin()));
    }
}
