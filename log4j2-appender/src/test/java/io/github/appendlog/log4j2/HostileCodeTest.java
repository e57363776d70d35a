package io.github.appendlog.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.intake.Intake;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The application's code inside the log call never holds up other logging threads: message arguments
 * formatted lazily (thread-locals off, as in every web application: a {@link ParameterizedMessage}
 * formats when first asked, running the arguments' {@code toString()}), and a layout that hangs.
 */
class HostileCodeTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    @RegisterExtension
    final TestStore store = new TestStore();

    @AfterEach
    void releaseLayouts() {
        HangingLayout.reset();
    }

    /** An event as Log4j2 makes it with thread-locals off: a message that formats lazily. */
    private static LogEvent event(String logger, String format, Object... arguments) {
        return Log4jLogEvent.newBuilder().setLoggerName(logger).setLevel(Level.INFO)
                .setMessage(new ParameterizedMessage(format, arguments)).build();
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        boolean done = false;
        while (!done) {
            try {
                latch.await();
                done = true;
            } catch (InterruptedException e) {
                // as a toString() stuck on a lock would
            }
        }
    }

    /** An argument whose toString() runs the given code first. */
    private static Object argument(String text, Runnable userCode) {
        return new Object() {
            @Override
            public String toString() {
                userCode.run();
                return text;
            }
        };
    }

    private static void logMany(AppendObjectAppender appender, String logger, int threads, int perThread)
            throws InterruptedException {
        Thread[] running = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            running[t] = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    appender.append(event(logger, "p{} {}", id, i));
                }
            }, "producer-" + t);
            running[t].start();
        }
        for (Thread thread : running) {
            thread.join();
        }
    }

    private static int lines(String text) {
        return text.isEmpty() ? 0 : text.split("\n").length;
    }

    @Test
    void anArgumentWhoseToStringBlocksHoldsUpNoOtherLoggingThread() throws Exception {
        LoggerContext context = TestContexts.context("hostile.xml");
        AppendObjectAppender appender = context.getConfiguration().getAppender("Plain");
        int droppedBefore = CaptureAppender.events("PlainDropped").size();
        CountDownLatch inToString = new CountDownLatch(1);
        CountDownLatch mayReturn = new CountDownLatch(1);
        Object slow = argument("slow", () -> {
            inToString.countDown();
            awaitIgnoringInterrupts(mayReturn);
        });
        Thread slowCaller = new Thread(() -> appender.append(event("it.plain", "{} done", slow)), "slow-caller");
        slowCaller.start();
        assertTrue(inToString.await(10, TimeUnit.SECONDS));

        int threads = 3;
        int perThread = 3000; // 9,000 events: more than twice the hand-off ring
        assertTimeoutPreemptively(BOUND, () -> logMany(appender, "it.plain", threads, perThread),
                "the other logging threads waited for the slow toString()");
        mayReturn.countDown();
        slowCaller.join(10_000);
        assertTrue(context.stop(30, TimeUnit.SECONDS));

        String text = store.text("plain/");
        int dropped = CaptureAppender.events("PlainDropped").size() - droppedBefore;
        assertEquals(threads * perThread + 1, lines(text) + dropped);
        assertTrue(Arrays.asList(text.split("\n")).contains("slow done"));
    }

    @Test
    void anArgumentWhoseToStringTakesALockHeldByALoggingThreadDoesNotDeadlock() throws Exception {
        LoggerContext context = TestContexts.context("hostile.xml");
        AppendObjectAppender appender = context.getConfiguration().getAppender("Plain");
        ReentrantLock appLock = new ReentrantLock();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch inToString = new CountDownLatch(1);
        Object locking = argument("locked", () -> {
            inToString.countDown();
            appLock.lock(); // a toString() that synchronizes on application state
            appLock.unlock();
        });
        int events = 8192; // twice the hand-off ring
        assertTimeoutPreemptively(BOUND, () -> {
            Thread holder = new Thread(() -> {
                appLock.lock();
                try {
                    holding.countDown();
                    awaitIgnoringInterrupts(inToString);
                    for (int i = 0; i < events; i++) {
                        appender.append(event("it.plain", "p0 {}", i)); // logs while it holds the lock
                    }
                } finally {
                    appLock.unlock();
                }
            }, "holds-app-lock");
            holder.start();
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            Thread other = new Thread(() -> appender.append(event("it.plain", "{} done", locking)), "takes-app-lock");
            other.start();
            holder.join();
            other.join();
        }, "deadlock: a toString() waits for a lock whose owner waits for the hand-off");
        assertTrue(context.stop(30, TimeUnit.SECONDS));
        assertTrue(Arrays.asList(store.text("plain/").split("\n")).contains("locked done"));
    }

    @Test
    void aLayoutThatHangsHoldsUpNoOtherLoggingThreadAndStopReturnsAndReportsTheAbandoned() throws Exception {
        try (StatusCapture status = StatusCapture.open()) {
            LoggerContext context = TestContexts.context("hostile.xml");
            AppendObjectAppender appender = context.getConfiguration().getAppender("Hanging");
            int droppedBefore = CaptureAppender.events("HangingDropped").size();
            appender.append(event("it.hanging", "please hang"));
            assertTrue(HangingLayout.entered.await(10, TimeUnit.SECONDS));

            int threads = 3;
            int perThread = 3000;
            assertTimeoutPreemptively(BOUND, () -> logMany(appender, "it.hanging", threads, perThread),
                    "logging threads waited for a layout that hangs");
            int dropped = CaptureAppender.events("HangingDropped").size() - droppedBefore;
            assertEquals(0, dropped, "the buffer had room: the logging threads encoded their events themselves");

            long begin = System.nanoTime();
            assertTimeoutPreemptively(BOUND, () -> context.stop(30, TimeUnit.SECONDS));
            long tookMillis = (System.nanoTime() - begin) / 1_000_000;
            assertTrue(tookMillis < 2000, "stop took " + tookMillis + " ms with shutdownTimeout 1 s");
            long abandoned = threads * perThread - dropped + 1L;
            assertTrue(status.messages(Level.WARN).stream()
                            .anyMatch(m -> m.contains(abandoned + " events handed over were abandoned")),
                    "reported: " + status.messages(Level.WARN));
            assertTrue(status.messages(Level.ERROR).stream().noneMatch(m -> m.contains("abandoned")),
                    "what stop abandoned is a WARN: " + status.messages(Level.ERROR));
        }
    }

    @Test
    void eventsEncodedOnTheLoggingThreadWhileTheHandOffIsFullLandInOrderAsTheyWereWhenLogged() throws Exception {
        LoggerContext context = TestContexts.context("hostile.xml");
        org.apache.logging.log4j.Logger log = context.getLogger("it.hanging");
        log.info("please hang");
        assertTrue(HangingLayout.entered.await(10, TimeUnit.SECONDS));

        int events = 3 * Intake.HANDOFF_CAPACITY; // the first fill the hand-off, the rest are encoded here
        StringBuilder argument = new StringBuilder();
        assertTimeoutPreemptively(BOUND, () -> {
            for (int i = 0; i < events; i++) {
                argument.setLength(0);
                argument.append(i);
                log.info("line {}", argument); // a mutable argument, changed after each call
            }
        }, "the logging thread waited for a layout that hangs");
        argument.setLength(0);
        argument.append("changed");
        HangingLayout.release.countDown();
        assertTrue(context.stop(30, TimeUnit.SECONDS));

        StringBuilder expected = new StringBuilder("please hang\n");
        for (int i = 0; i < events; i++) {
            expected.append("line ").append(i).append('\n');
        }
        assertEquals(expected.toString(), store.text("hanging/"));
    }
}
