package io.github.appendlog.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A reload in the middle of logging keeps the pipeline and everything it buffers. */
class AppendObjectManagerTest {
    @RegisterExtension
    final TestStore store = new TestStore();

    @Test
    void reloadSharesTheManagerAndLosesNothingBuffered() throws Exception {
        TestStore.objectKey("reload/app.log");
        LoggerContext context = TestContexts.context("reload-a.xml");
        AppendObjectAppender before = context.getConfiguration().getAppender("OSS");
        Logger logger = context.getLogger("it.reload");
        for (int i = 0; i < 300; i++) {
            logger.info("line {}", i);
        }
        assertTrue(store.text("reload/").isEmpty(), "an hour's flush interval: the lines are still buffered");

        context.setConfigLocation(TestContexts.resource("reload-b.xml"));
        AppendObjectAppender after = context.getConfiguration().getAppender("OSS");
        assertNotSame(before, after, "the reload built a new appender");
        assertTrue(before.isStopped(), "the old appender stopped");
        assertSame(before.getManager(), after.getManager(), "the new appender took the running manager over");
        for (int i = 300; i < 600; i++) {
            logger.info("line {}", i);
        }
        assertTrue(context.stop(30, TimeUnit.SECONDS));

        List<LoggedEvents.Event> events = LoggedEvents.parse(store.text("reload/"));
        assertEquals(600, events.size(), "every line before and after the reload");
        for (int i = 0; i < 600; i++) {
            assertEquals("line " + i, events.get(i).message);
            assertEquals(i < 300 ? "A" : "B", events.get(i).context, "encoded with the layout of its time");
        }
    }

    @Test
    void reloadWithChangedSettingsKeepsThePipelineAndSaysSo() throws Exception {
        TestStore.objectKey("changed/app.log");
        try (StatusCapture status = StatusCapture.open()) {
            LoggerContext context = TestContexts.context("reload-a.xml");
            AppendObjectAppender before = context.getConfiguration().getAppender("OSS");
            context.getLogger("it.changed").info("before");
            assertTrue(status.messages(Level.WARN).stream().noneMatch(m -> m.contains("changed settings")));

            context.setConfigLocation(TestContexts.resource("reload-c.xml"));
            AppendObjectAppender after = context.getConfiguration().getAppender("OSS");
            assertSame(before.getManager(), after.getManager());
            assertTrue(status.messages(Level.WARN).stream()
                    .anyMatch(m -> m.contains("'OSS'") && m.contains("changed settings")), status.messages(Level.WARN).toString());
            context.getLogger("it.changed").info("after");
            context.stop();

            List<LoggedEvents.Event> events = LoggedEvents.parse(store.text("changed/"));
            assertEquals(2, events.size());
            assertEquals("C", events.get(1).context);
        }
    }

    @Test
    void reloadsWhileAnotherThreadLogsLoseNothing() throws Exception {
        TestStore.objectKey("concurrent/app.log");
        LoggerContext context = TestContexts.context("reload-a.xml");
        int count = 20_000;
        int reloadEvery = 2_000;
        BlockingQueue<Integer> reloadRequests = new LinkedBlockingQueue<>();
        Thread writer = new Thread(() -> {
            Logger logger = context.getLogger("it.concurrent");
            for (int i = 0; i < count; i++) {
                logger.info("line {}", i);
                if (i % reloadEvery == reloadEvery - 1) {
                    reloadRequests.add(i); // and go on logging while the main thread reloads
                }
            }
        }, "writer");
        writer.start();
        for (int reload = 0; reload < count / reloadEvery; reload++) {
            reloadRequests.take();
            context.setConfigLocation(TestContexts.resource(reload % 2 == 0 ? "reload-b.xml" : "reload-a.xml"));
        }
        writer.join();
        context.stop();

        List<LoggedEvents.Event> events = LoggedEvents.parse(store.text("concurrent/"));
        assertEquals(count, events.size(), "every line, once, across the reloads");
        for (int i = 0; i < count; i++) {
            assertEquals("line " + i, events.get(i).message);
        }
    }
}
