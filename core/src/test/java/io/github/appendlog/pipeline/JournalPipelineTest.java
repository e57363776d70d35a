package io.github.appendlog.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.journal.AppendIntent;
import io.github.appendlog.journal.FailingChannels;
import io.github.appendlog.journal.Journal;
import io.github.appendlog.journal.JournalOptions;
import io.github.appendlog.store.ObjectChecksum;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline with {@code journalDirectory}: through the journal, across stops, outages and a crash's unsettled append. */
class JournalPipelineTest {
    private static final String KEY = "journal/app-0.log";
    private final InMemoryAppendStore store = new InMemoryAppendStore();
    private final RecordingStatus status = new RecordingStatus();
    private final List<AppendPipeline> pipelines = new ArrayList<>();
    @TempDir
    Path dir;

    @AfterEach
    void stopAll() {
        store.down(false);
        pipelines.forEach(AppendPipeline::stop);
    }

    private AppendlogConfig.Builder config() {
        return AppendPipelineTest.config().objectKey("journal/app-%i.log").journalDirectory(dir.toString())
                .shutdownTimeout(Duration.ofMillis(500));
    }

    private AppendPipeline start(AppendlogConfig.Builder config) {
        return start(config, UnaryOperator.identity());
    }

    private AppendPipeline start(AppendlogConfig.Builder config, UnaryOperator<JournalOptions.Builder> options) {
        store.reopen(); // the stop of an earlier pipeline closed it
        AppendPipeline p = AppendPipeline.start(config.build(), status, store, Clock.systemUTC(),
                () -> ThreadLocalRandom.current().nextDouble(), options);
        pipelines.add(p);
        return p;
    }

    private static byte[] line(String s) {
        return (s + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String lines(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> prefix + i + "\n").collect(Collectors.joining());
    }

    private void offer(AppendPipeline p, String prefix, int from, int to) {
        for (int i = from; i < to; i++) {
            assertTrue(p.offer(line(prefix + i), false), "offer " + i);
        }
    }

    @Test
    void everyEventIsJournalledThenAppendedOnceInOrder() {
        AppendPipeline p = start(config());
        offer(p, "event ", 0, 2000);
        await().atMost(Duration.ofSeconds(10)).until(() -> p.stats().appendedEvents() == 2000);
        assertEquals(2000, p.stats().journalledEvents());
        assertTrue(p.stop());
        assertEquals(lines("event ", 0, 2000), store.text(KEY));
        assertTrue(status.matching("ERROR", "").isEmpty(), status.messages.toString());

        AppendPipeline again = start(config()); // nothing is left to append again
        again.offer(line("next"), false);
        await().atMost(Duration.ofSeconds(10)).until(() -> again.stats().appendedEvents() == 1);
        assertTrue(again.stop());
        assertEquals(lines("event ", 0, 2000) + "next\n", store.text(KEY));
    }

    @Test
    void anOutageLongerThanTheMemoryBufferLosesNothing() {
        store.down(true);
        AppendPipeline p = start(config().maxBufferBytes("64 KB").maxBatchBytes("16 KB"));
        for (int chunk = 0; chunk < 20; chunk++) { // 20 x 200 lines of ~100 bytes: six times the buffer
            offer(p, "outage line with some padding to make it about a hundred bytes long ......... ",
                    chunk * 200, chunk * 200 + 200);
            await().atMost(Duration.ofSeconds(10)).until(() -> p.bufferedBytes() < 8 * 1024);
        }
        assertEquals(0, p.stats().droppedBufferFull());
        assertEquals(4000, p.stats().journalledEvents());
        store.down(false);
        await().atMost(Duration.ofSeconds(20)).until(() -> p.stats().appendedEvents() == 4000);
        assertTrue(p.stop());
        assertEquals(lines("outage line with some padding to make it about a hundred bytes long ......... ", 0, 4000),
                store.text(KEY));
    }

    @Test
    void whatStopCouldNotAppendStaysInTheJournalAndLandsFirstAtTheNextStart() {
        store.down(true);
        AppendPipeline p = start(config());
        offer(p, "before ", 0, 100);
        await().atMost(Duration.ofSeconds(5)).until(() -> p.stats().journalledEvents() == 100);
        assertFalse(p.stop());
        assertEquals(0, p.stats().unflushedAtStop(), "kept in the journal, not lost");
        assertFalse(status.matching("WARN", "stay in the journal").isEmpty(), status.messages.toString());

        store.down(false);
        AppendPipeline next = start(config());
        next.offer(line("after"), false);
        await().atMost(Duration.ofSeconds(10)).until(() -> next.stats().appendedEvents() == 101);
        assertTrue(next.stop());
        assertEquals(lines("before ", 0, 100) + "after\n", store.text(KEY));
    }

    /** A journal as a crash leaves it: entries, and an intent to append them with no record that they landed. */
    private String crashedJournalWithIntent(String before) throws IOException {
        String batch = lines("crashed ", 0, 50);
        byte[] body = batch.getBytes(StandardCharsets.UTF_8);
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        ObjectChecksum crc = store.checksum();
        try (Journal j = Journal.open(JournalOptions.builder(dir.resolve("test")).build(), (events, why) -> { })) {
            long first = j.lastTakenSeq() + 1;
            for (int i = 0; i < 50; i++) {
                byte[] b = line("crashed " + i);
                int at = j.addToFrame(b.length, false);
                System.arraycopy(b, 0, j.frameArray(), at, b.length);
            }
            assertEquals(0, j.writeFrame());
            j.recordIntent(new AppendIntent(KEY, head.length, crc.compute(head, 0, head.length), true, body.length,
                    crc.compute(body, 0, body.length), first, first + 49));
        }
        return batch;
    }

    @Test
    void anAppendThatLandedBeforeTheCrashIsSettledNotSentAgain() throws IOException {
        String batch = crashedJournalWithIntent("earlier\n");
        store.putAppendable(KEY, "earlier\n" + batch); // it landed; the process died before recording that
        AppendPipeline p = start(config());
        p.offer(line("after"), false);
        await().atMost(Duration.ofSeconds(10)).until(() -> p.stats().appendedEvents() == 1);
        assertTrue(p.stop());
        assertEquals("earlier\n" + batch + "after\n", store.text(KEY));
        assertFalse(status.matching("INFO", "had landed").isEmpty(), status.messages.toString());
    }

    @Test
    void anAppendThatDidNotLandBeforeTheCrashIsSentOnce() throws IOException {
        String batch = crashedJournalWithIntent("earlier\n");
        store.putAppendable(KEY, "earlier\n");
        AppendPipeline p = start(config());
        p.offer(line("after"), false);
        await().atMost(Duration.ofSeconds(10)).until(() -> p.stats().appendedEvents() == 51);
        assertTrue(p.stop());
        assertEquals("earlier\n" + batch + "after\n", store.text(KEY));
    }

    @Test
    void aJournalThatCannotBeOpenedIsAnErrorAndEventsStillLand() throws IOException {
        Path file = Files.createFile(dir.resolve("test")); // where the appender's directory should be
        AppendPipeline p = start(config());
        offer(p, "memory ", 0, 10);
        await().atMost(Duration.ofSeconds(10)).until(() -> p.stats().appendedEvents() == 10);
        assertTrue(p.stop());
        assertEquals(lines("memory ", 0, 10), store.text(KEY));
        assertFalse(status.matching("ERROR", "cannot open the journal").isEmpty(), status.messages.toString());
        assertTrue(Files.isRegularFile(file));
    }

    @Test
    void aFullDiskNeverReachesTheApplicationLossesAreCountedAndJournallingResumes() {
        FailingChannels disk = new FailingChannels();
        AppendPipeline p = start(config(), o -> o.channels(disk).retryInterval(Duration.ofMillis(300)));
        offer(p, "before ", 0, 100);
        await().atMost(Duration.ofSeconds(10)).until(() -> p.stats().appendedEvents() == 100);

        disk.space.set(0); // full
        offer(p, "during ", 0, 100); // never throws, never refused
        await().atMost(Duration.ofSeconds(10))
                .until(() -> p.stats().appendedEvents() + p.stats().journalLost() == 200);
        long lost = p.stats().journalLost();
        assertTrue(lost > 0, "the frame that could not be written is counted");
        assertFalse(status.matching("WARN", "cannot write the journal").isEmpty(), status.messages.toString());

        disk.space.set(FailingChannels.UNLIMITED); // space returns
        await().atMost(Duration.ofSeconds(10)).until(() -> !status.matching("INFO", "again").isEmpty());
        long journalled = p.stats().journalledEvents();
        offer(p, "after ", 0, 100);
        await().atMost(Duration.ofSeconds(10)).until(() -> p.stats().appendedEvents() + lost == 300);
        assertEquals(journalled + 100, p.stats().journalledEvents(), "journalled again");
        assertTrue(p.stop());
        String text = store.text(KEY);
        assertTrue(text.startsWith(lines("before ", 0, 100)), text);
        assertTrue(text.endsWith(lines("after ", 0, 100)), text);
        assertEquals(300 - lost, text.lines().filter(l -> !l.startsWith("[appendlog]")).count(), text);
        assertTrue(text.contains("[appendlog] dropped " + lost + " events (0 buffer full, 0 below WARN, " + lost
                + " lost from the journal)"), text);
    }

    @Test
    void aFullJournalDropsNewEventsCountedAndSaysWhichBoundWasReached() {
        store.down(true);
        AppendPipeline p = start(config().maxJournalBytes("512 KB").dropReportInterval(Duration.ofMillis(10)));
        String padding = "x".repeat(90);
        for (int chunk = 0; chunk < 40; chunk++) { // 40 x 200 lines of ~100 bytes: about 800 KB
            offer(p, padding + " ", chunk * 200, chunk * 200 + 200);
            await().atMost(Duration.ofSeconds(10)).until(() -> p.bufferedBytes() < 8 * 1024);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> p.stats().journalledEvents()
                + p.stats().droppedJournalFull() == 8000);
        long dropped = p.stats().droppedJournalFull();
        assertTrue(dropped > 0, p.stats().toString());
        assertEquals(0, p.stats().droppedBufferFull());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !status.matching("WARN", "journal full").isEmpty());
        String warning = status.matching("WARN", "journal full").get(0);
        assertTrue(warning.contains("maxJournalBytes 524288"), warning);
        assertFalse(warning.contains("maxBufferBytes"), warning);

        store.down(false);
        long journalled = p.stats().journalledEvents();
        await().atMost(Duration.ofSeconds(20)).until(() -> p.stats().appendedEvents() == journalled);
        assertTrue(p.stop());
        String text = store.text(KEY);
        assertEquals(journalled, text.lines().filter(l -> !l.startsWith("[appendlog]")).count());
        assertTrue(text.contains(" journal full)"), "the drops are marked in the object");
    }

    @Test
    void stopReturnsInTimeWhenTheJournalThreadIsStuckInAWrite() {
        FailingChannels disk = new FailingChannels();
        AppendPipeline p = start(config().shutdownTimeout(Duration.ofMillis(300)), o -> o.channels(disk));
        java.util.concurrent.CountDownLatch hang = new java.util.concurrent.CountDownLatch(1);
        disk.hang = hang;
        try {
            offer(p, "stuck ", 0, 10);
            long started = System.nanoTime();
            assertFalse(p.stop());
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(tookMillis < 300 + PipelineStop.STOP_GRACE_MILLIS, tookMillis + " ms");
            assertFalse(status.matching("WARN", "did not end in time").isEmpty(), status.messages.toString());
        } finally {
            hang.countDown();
        }
    }

    @Test
    void aForceThatTakesLongNeverHoldsEventsBackWithJournalSyncInterval() {
        FailingChannels disk = new FailingChannels();
        java.util.concurrent.CountDownLatch hang = new java.util.concurrent.CountDownLatch(1);
        disk.hangForce = hang;
        AppendPipeline p = start(config().journalSyncInterval(Duration.ofMillis(5)).shutdownTimeout(Duration.ofMillis(300)),
                o -> o.channels(disk));
        try {
            offer(p, "before ", 0, 100);
            await().atMost(Duration.ofSeconds(10)).until(() -> disk.forcesHanging.get() > 0);
            offer(p, "during ", 0, 100); // a disk still writing back the last interval's events
            await().atMost(Duration.ofSeconds(10)).until(() -> p.stats().appendedEvents() == 200);
            assertEquals(200, p.stats().journalledEvents());
            assertEquals(lines("before ", 0, 100) + lines("during ", 0, 100), store.text(KEY));
            long started = System.nanoTime();
            assertTrue(p.stop(), "every event landed, though the journal could not be closed");
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(tookMillis < 300 + PipelineStop.STOP_GRACE_MILLIS, tookMillis + " ms");
            assertFalse(status.matching("WARN", "did not end in time").isEmpty(), status.messages.toString());
        } finally {
            hang.countDown();
        }
    }

    private long segmentFiles() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(dir.resolve(AppendPipelineTest.config().build().name()))) {
            return files.filter(f -> f.getFileName().toString().startsWith("seg-")).count();
        }
    }

    @Test
    void theSenderNeverWaitsForAForceToDeleteWhatLandedWithJournalSyncInterval() {
        FailingChannels disk = new FailingChannels();
        AppendPipeline p = start(config().journalSyncInterval(Duration.ofHours(1)).shutdownTimeout(Duration.ofMillis(300))
                .maxBatchBytes("1 KB"), o -> o.channels(disk).segmentBytes(4096));
        java.util.concurrent.CountDownLatch hang = new java.util.concurrent.CountDownLatch(1);
        disk.hangForce = hang; // every force from now on waits: a disk busy writing back
        try {
            for (int chunk = 0; chunk < 10; chunk++) { // segments of 4 KB fill and land, one after another
                offer(p, "landed and cleaned up by the sync thread ", chunk * 50, chunk * 50 + 50);
                int expected = chunk * 50 + 50;
                await().atMost(Duration.ofSeconds(10)).until(() -> p.stats().appendedEvents() == expected);
            }
            assertTrue(disk.forcesHanging.get() > 0, "the cleanup waits for a force, on the sync thread");
            assertEquals(lines("landed and cleaned up by the sync thread ", 0, 500), store.text(KEY));
            assertTrue(p.stop());
        } finally {
            hang.countDown();
        }
    }

    @Test
    void segmentsThatLandedAreDeletedByTheSyncThreadWithJournalSyncInterval() throws IOException {
        AppendPipeline p = start(config().journalSyncInterval(Duration.ofHours(1)).maxBatchBytes("1 KB"),
                o -> o.segmentBytes(4096));
        offer(p, "landed ", 0, 1000);
        await().atMost(Duration.ofSeconds(10)).until(() -> p.stats().appendedEvents() == 1000);
        await().atMost(Duration.ofSeconds(10)).until(() -> segmentFiles() <= 1); // not an hour later
        assertTrue(p.stop());
        assertEquals(lines("landed ", 0, 1000), store.text(KEY));
    }

    @Test
    void aForceThatFailsIsReportedRetriedAfterAnIntervalAndNeverHoldsEventsBack() {
        FailingChannels disk = new FailingChannels();
        disk.forceFails = true;
        AppendPipeline p = start(config().journalSyncInterval(Duration.ofMillis(50)), o -> o.channels(disk));
        offer(p, "unforced ", 0, 100);
        await().atMost(Duration.ofSeconds(10)).until(() -> p.stats().appendedEvents() == 100);
        await().atMost(Duration.ofSeconds(10)).until(() -> !status.matching("WARN", "cannot force the journal").isEmpty());
        int forces = disk.forces.get();
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertTrue(disk.forces.get() - forces < 60, "a failed force is retried after an interval, not at once: "
                + (disk.forces.get() - forces) + " forces in 500 ms");
        disk.forceFails = false;
        assertTrue(p.stop());
        assertEquals(lines("unforced ", 0, 100), store.text(KEY));
    }
}
