package io.github.appendlog.pipeline;

import io.github.appendlog.status.PipelineStats;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.intake.Intake;
import io.github.appendlog.testing.Producers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The application's code inside the log call (a copy that formats, an encoder or layout that hangs or
 * throws Errors) never holds up another logging thread beyond the overflow policy's bound, and never
 * kills the pipeline.
 */
class EncodingStageHostileCodeTest {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private final InMemoryAppendStore store = new InMemoryAppendStore();
    private final RecordingStatus status = new RecordingStatus();
    private final List<AppendPipeline> started = new ArrayList<>();
    /** Released at the end of each test, so that a blocked copy or encoder lets its thread go. */
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stopAll() {
        release.countDown();
        store.down(false);
        started.forEach(AppendPipeline::stop);
    }

    private AppendPipeline start(io.github.appendlog.config.AppendlogConfig.Builder config) {
        AppendPipeline p = AppendPipeline.start(config.build(), status, store);
        started.add(p);
        return p;
    }

    private static ByteBuffer line(String event) {
        return ByteBuffer.wrap((event + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Waits on the latch, ignoring interrupts, as a layout stuck on a lock would. */
    private void awaitIgnoringInterrupts(CountDownLatch latch) {
        boolean done = false;
        while (!done) {
            try {
                latch.await();
                done = true;
            } catch (InterruptedException e) {
                // a layout that swallows interrupts
            }
        }
    }

    /** A copier whose copy of {@code "slow"} runs code that waits (an argument's toString()). */
    private EventCopierTest.Lines copierBlockingOn(String slow, Runnable userCode) {
        return new EventCopierTest.Lines() {
            @Override
            public int copy(String event, EventCopierTest.Line holder) {
                if (event.equals(slow)) {
                    userCode.run();
                }
                return super.copy(event, holder);
            }
        };
    }

    @Test
    void aCopyThatBlocksHoldsUpNoOtherLoggingThread() throws Exception {
        AppendPipeline pipeline = start(AppendPipelineTest.config().maxBufferBytes("16 MB").maxBatchBytes("64 KB"));
        CountDownLatch inToString = new CountDownLatch(1);
        CountDownLatch toStringMayReturn = new CountDownLatch(1);
        EventCopierTest.Lines copier = copierBlockingOn("slow", () -> {
            inToString.countDown();
            awaitIgnoringInterrupts(toStringMayReturn);
        });
        Thread slow = new Thread(() -> pipeline.offer("slow", copier, false), "slow-toString");
        slow.start();
        assertTrue(inToString.await(10, TimeUnit.SECONDS));

        int producers = 3;
        int perProducer = 3000; // 9,000 events: more than twice the ring
        AtomicInteger accepted = new AtomicInteger();
        assertTimeoutPreemptively(BOUND, () -> Producers.run(producers, id -> {
            for (int i = 0; i < perProducer; i++) {
                if (pipeline.offer("p" + id + " " + i, copier, false)) {
                    accepted.incrementAndGet();
                }
            }
        }), "the other logging threads waited for the slow toString()");
        toStringMayReturn.countDown();
        slow.join(10_000);
        assertTrue(pipeline.stop());

        PipelineStats stats = pipeline.stats();
        assertEquals(producers * perProducer + 1, stats.offered());
        assertEquals(accepted.get() + 1, stats.appendedEvents());
        assertEquals(producers * perProducer - accepted.get(), stats.droppedBufferFull());
        assertTrue(store.allText().contains("slow\n"));
    }

    @Test
    void aCopyThatTakesALockHeldByALoggingThreadDoesNotDeadlock() throws Exception {
        AppendPipeline pipeline = start(AppendPipelineTest.config().maxBufferBytes("16 MB").maxBatchBytes("64 KB"));
        ReentrantLock appLock = new ReentrantLock();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch inToString = new CountDownLatch(1);
        EventCopierTest.Lines copier = copierBlockingOn("locked", () -> {
            inToString.countDown();
            appLock.lock(); // an argument's toString() that synchronizes on application state
            appLock.unlock();
        });
        int events = 2 * Intake.HANDOFF_CAPACITY;
        assertTimeoutPreemptively(BOUND, () -> {
            Thread holder = new Thread(() -> {
                appLock.lock();
                try {
                    holding.countDown();
                    awaitIgnoringInterrupts(inToString);
                    for (int i = 0; i < events; i++) {
                        pipeline.offer("p0 " + i, copier, false); // logs while it holds the lock
                    }
                } finally {
                    appLock.unlock();
                }
            }, "holds-app-lock");
            holder.start();
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            Thread other = new Thread(() -> pipeline.offer("locked", copier, false), "toString-takes-app-lock");
            other.start();
            holder.join();
            other.join();
        }, "deadlock: a toString() waits for a lock whose owner waits for the hand-off");
        assertTrue(pipeline.stop());
        assertEquals(events + 1, pipeline.stats().offered());
        assertTrue(store.allText().contains("locked\n"));
    }

    @Test
    void anEncoderThatHangsHoldsUpNoLoggingThreadAndStopReturnsAndReportsTheAbandoned() throws Exception {
        Duration shutdownTimeout = Duration.ofSeconds(1);
        AppendPipeline pipeline = start(AppendPipelineTest.config().maxBufferBytes("16 MB").maxBatchBytes("64 KB")
                .shutdownTimeout(shutdownTimeout));
        CountDownLatch inLayout = new CountDownLatch(1);
        EventEncoder<String> hangsOnOne = event -> {
            if (event.equals("hang")) {
                inLayout.countDown();
                awaitIgnoringInterrupts(release);
            }
            return line(event);
        };
        assertTrue(pipeline.offer("hang", hangsOnOne, false, 4));
        assertTrue(inLayout.await(10, TimeUnit.SECONDS));

        int producers = 3;
        int perProducer = 3000; // 9,000 events: more than twice the hand-off, far less than the buffer
        AtomicInteger accepted = new AtomicInteger();
        assertTimeoutPreemptively(BOUND, () -> Producers.run(producers, id -> {
            for (int i = 0; i < perProducer; i++) {
                if (pipeline.offer("p" + id + " " + i, hangsOnOne, false, 6)) {
                    accepted.incrementAndGet();
                }
            }
        }), "logging threads waited for an encoder that hangs");
        assertEquals(producers * perProducer, accepted.get(), "the buffer had room: nothing is dropped");
        assertEquals(0, pipeline.stats().droppedBufferFull());

        long begin = System.nanoTime();
        assertFalse(assertTimeoutPreemptively(BOUND, pipeline::stop));
        long tookNanos = System.nanoTime() - begin;
        assertTrue(tookNanos < shutdownTimeout.plusSeconds(1).toNanos(), "stop took " + tookNanos / 1_000_000 + " ms");
        long abandoned = accepted.get() + 1L;
        assertEquals(1, status.matching("WARN", abandoned + " events handed over were abandoned").size(),
                status.messages.toString());
        assertTrue(pipeline.stats().unflushedAtStop() >= abandoned);
    }

    @Test
    void withTheBlockPolicyAHungEncoderMakesLoggingThreadsWaitOnlyForRoomAndAtMostMaxBlockTime() {
        Duration maxBlockTime = Duration.ofMillis(200);
        AppendPipeline pipeline = start(AppendPipelineTest.config().maxBufferBytes("1 MB").maxBatchBytes("64 KB")
                .overflowPolicy("BLOCK").maxBlockTime(maxBlockTime).shutdownTimeout(Duration.ofSeconds(1)));
        CountDownLatch inLayout = new CountDownLatch(1);
        EventEncoder<String> hangsOnOne = event -> {
            if (event.equals("hang")) {
                inLayout.countDown();
                awaitIgnoringInterrupts(release);
            }
            return line(event);
        };
        String big = "x".repeat(1000);
        AtomicInteger accepted = new AtomicInteger();
        long[] refusedAfterNanos = new long[1];
        assertTimeoutPreemptively(BOUND, () -> {
            assertTrue(pipeline.offer("hang", hangsOnOne, false, 4));
            assertTrue(inLayout.await(10, TimeUnit.SECONDS));
            while (true) { // fills the hand-off, then the room behind it, then waits for room that never comes
                long begin = System.nanoTime();
                if (!pipeline.offer(big, hangsOnOne, true, big.length())) {
                    refusedAfterNanos[0] = System.nanoTime() - begin;
                    break;
                }
                accepted.incrementAndGet();
            }
        });
        assertTrue(accepted.get() > Intake.HANDOFF_CAPACITY / 8, "accepted " + accepted.get());
        assertTrue(refusedAfterNanos[0] >= maxBlockTime.toNanos() - TimeUnit.MILLISECONDS.toNanos(20),
                "refused after " + refusedAfterNanos[0] / 1_000_000 + " ms");
        assertEquals(1, pipeline.stats().droppedBufferFull());
    }

    static Stream<Supplier<Throwable>> errors() {
        return Stream.of(() -> new OutOfMemoryError("simulated: no room for the layout"), () -> new StackOverflowError(),
                () -> new NoClassDefFoundError("com/example/Gone"), () -> new IllegalStateException("layout broke"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void anEncoderThatThrowsAnyThrowableDropsThatEventOnly(Supplier<Throwable> error) {
        AppendPipeline pipeline = start(AppendPipelineTest.config());
        EventEncoder<String> failsOnBad = event -> {
            if (event.equals("bad")) {
                throw sneaky(error.get());
            }
            return line(event);
        };
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            String event = i == 50 ? "bad" : "e" + i;
            assertTrue(pipeline.offer(event, failsOnBad, false, event.length()));
            if (i != 50) {
                expected.append(event).append('\n');
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> expected.toString().equals(store.allText()));
        assertTrue(pipeline.stop());
        assertEquals(1, pipeline.stats().encodeFailures());
        assertEquals(99, pipeline.stats().appendedEvents());
        assertEquals(1, status.matching("WARN", "1 events could not be").size(), status.messages.toString());
        assertEquals(0, pipeline.bufferedBytes());
    }

    @Test
    void aCopierThatThrowsAnErrorInCopyDropsThatEventOnly() {
        AppendPipeline pipeline = start(AppendPipelineTest.config());
        EventCopierTest.Lines copier = copierBlockingOn("bad", () -> {
            throw new StackOverflowError();
        });
        assertTrue(pipeline.offer("a", copier, false));
        assertFalse(pipeline.offer("bad", copier, false));
        assertTrue(pipeline.offer("b", copier, false));
        await().atMost(Duration.ofSeconds(10)).until(() -> "a\nb\n".equals(store.allText()));
        assertTrue(pipeline.stop());
        assertEquals(1, pipeline.stats().encodeFailures());
        assertEquals(3, pipeline.stats().offered());
        assertEquals(1, status.matching("WARN", "1 events could not be").size(), status.messages.toString());
        for (EventCopierTest.Line line : copier.made) {
            assertEquals(null, line.source);
        }
    }

    @Test
    void aCopierThatThrowsAnErrorInClearLosesNoEventAndTheRestFlow() {
        AppendPipeline pipeline = start(AppendPipelineTest.config());
        EventCopierTest.Lines copier = new EventCopierTest.Lines() {
            @Override
            public void clear(EventCopierTest.Line holder) {
                if ("bad".contentEquals(holder.text)) {
                    throw new LinkageError("clear broke");
                }
                super.clear(holder);
            }
        };
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            String event = i == 50 ? "bad" : "e" + i;
            assertTrue(pipeline.offer(event, copier, false));
            expected.append(event).append('\n');
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> expected.toString().equals(store.allText()));
        assertTrue(pipeline.stop());
        assertEquals(100, pipeline.stats().appendedEvents());
        assertEquals(1, pipeline.stats().encodeFailures());
        assertEquals(1, status.matching("WARN", "clear broke").size(), status.messages.toString());
    }

    @Test
    void withEncodeOnCallerThreadALayoutThatHangsHoldsUpOnlyItsOwnCaller() throws Exception {
        AppendPipeline pipeline = start(AppendPipelineTest.config().encodeOnCallerThread(true));
        CountDownLatch inLayout = new CountDownLatch(1);
        EventEncoder<String> hangsOnOne = event -> {
            if (event.equals("hang")) {
                inLayout.countDown();
                awaitIgnoringInterrupts(release);
            }
            return line(event);
        };
        Thread hanging = new Thread(() -> pipeline.offer("hang", hangsOnOne, false, 4), "runs-a-hanging-layout");
        hanging.setDaemon(true);
        hanging.start();
        assertTrue(inLayout.await(10, TimeUnit.SECONDS));
        assertTimeoutPreemptively(BOUND, () -> Producers.run(2, id -> {
            for (int i = 0; i < 2000; i++) {
                assertTrue(pipeline.offer("p" + id + " " + i, hangsOnOne, false, 6));
            }
        }), "nothing serializes the callers that encode");
        assertTrue(pipeline.stop());
        assertEquals(4000, pipeline.stats().appendedEvents());
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
