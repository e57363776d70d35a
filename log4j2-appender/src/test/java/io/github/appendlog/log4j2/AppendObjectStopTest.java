package io.github.appendlog.log4j2;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.emulator.Operation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stopping an appender flushes outside Log4j2's JVM-wide manager lock, and reloads that replace
 * the manager stop the old pipeline's threads.
 */
@Timeout(120)
class AppendObjectStopTest {
    @RegisterExtension
    final TestStore store = new TestStore();

    static long appendlogThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("appendlog-"))
                .count();
    }

    @Test
    void theFlushAtStopDoesNotHoldTheManagerLockOtherContextsNeed() throws Exception {
        long baseline = appendlogThreads();
        TestStore.objectKey("lock/app.log");
        LoggerContext context = TestContexts.context("stop-store-down.xml");
        context.getLogger("it.lock").info("kept until stop");
        AppendObjectAppender appender = context.getConfiguration().getAppender("OSS");
        String manager = appender.getManager().getName();
        assertTrue(AbstractManager.hasManager(manager));
        store.emu.faults().failNext(Operation.APPEND, 1_000_000, 503, "ServiceUnavailable");

        // The flush at stop lasts shutdownTimeout (6 s): the store refuses every append.
        CompletableFuture<Boolean> stopping = new CompletableFuture<>();
        Thread stopper = new Thread(() -> stopping.complete(context.stop(60, TimeUnit.SECONDS)), "stopper");
        long began = System.nanoTime();
        stopper.start();
        // Another thread asks Log4j2 for managers meanwhile (what starting or reloading any context does).
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .until(() -> !AbstractManager.hasManager(manager));
        long answeredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        assertFalse(stopping.isDone(), "the flush still runs");
        assertTrue(answeredMillis < 3000, "hasManager waited " + answeredMillis + " ms for the flush at stop");

        stopping.get(60, TimeUnit.SECONDS);
        assertEquals("", store.text("lock/"), "the store refused every append");
        assertTrue(appender.isStopped());
        await().atMost(Duration.ofSeconds(10)).until(() -> appendlogThreads() <= baseline);
    }

    @Test
    void twentyReloadsThatReplaceTheManagerLeaveNoThreadBehindAndLoseNothing() throws Exception {
        long baseline = appendlogThreads();
        TestStore.objectKey("reloads/0/app.log");
        LoggerContext context = TestContexts.context("reload-a.xml");
        context.getLogger("it.reloads").info("line 0");
        long afterFirstStart = appendlogThreads();
        assertTrue(afterFirstStart > baseline);
        for (int reload = 1; reload <= 20; reload++) {
            AppendObjectAppender before = context.getConfiguration().getAppender("OSS");
            TestStore.objectKey("reloads/" + reload + "/app.log"); // another object: a new manager and pipeline
            context.setConfigLocation(TestContexts.resource(reload % 2 == 0 ? "reload-a.xml" : "reload-b.xml"));
            AppendObjectAppender after = context.getConfiguration().getAppender("OSS");
            assertNotSame(before.getManager(), after.getManager());
            assertTrue(before.isStopped());
            context.getLogger("it.reloads").info("line {}", reload);
        }
        // No leak: each replaced pipeline's threads ended (other tests' threads may end meanwhile, never start).
        await().atMost(Duration.ofSeconds(30)).until(() -> appendlogThreads() <= afterFirstStart);
        for (int reload = 0; reload < 20; reload++) {
            List<LoggedEvents.Event> events = LoggedEvents.parse(store.text("reloads/" + reload + "/"));
            assertEquals(1, events.size(), "flushed when its pipeline stopped at reload " + reload);
            assertEquals("line " + reload, events.get(0).message);
        }
        assertTrue(context.stop(30, TimeUnit.SECONDS));
        assertEquals("line 20", LoggedEvents.parse(store.text("reloads/20/")).get(0).message);
        await().atMost(Duration.ofSeconds(10)).until(() -> appendlogThreads() <= baseline);
    }
}
