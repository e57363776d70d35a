package io.github.appendlog.delivery;

import io.github.appendlog.pipeline.RecordingStatus;
import io.github.appendlog.pipeline.InMemoryAppendStore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.delivery.ObjectKeyPattern;
import io.github.appendlog.delivery.AppendFailedException;
import io.github.appendlog.delivery.WriterOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RollingObjectWriterTest {
    private static final long NO_DEADLINE = System.nanoTime() + Duration.ofHours(1).toNanos();
    private static final Instant DAY1 = Instant.parse("2026-11-25T10:00:00Z");
    private final InMemoryAppendStore store = new InMemoryAppendStore();
    private final RecordingStatus status = new RecordingStatus();

    private RollingObjectWriter writer(String pattern, long maxObjectBytes) {
        WriterOptions options = WriterOptions.builder().maxObjectBytes(maxObjectBytes).maxRetries(0)
                .retryBaseDelay(Duration.ZERO).retryMaxDelay(Duration.ZERO).build();
        return new RollingObjectWriter(store, ObjectKeyPattern.parse(pattern), options, status);
    }

    private static long append(RollingObjectWriter w, String text) throws Exception {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return w.append(b, 0, b.length, NO_DEADLINE);
    }

    @Test
    void startsEachPeriodAtIndexZero() throws Exception {
        RollingObjectWriter w = writer("a/%d{yyyy-MM-dd}/x-%i.log", 1000);
        w.beginBatch(DAY1);
        assertEquals(4, append(w, "one\n"));
        w.beginBatch(DAY1.plusSeconds(60));
        assertEquals(8, append(w, "two\n"));
        w.beginBatch(DAY1.plus(Duration.ofDays(1)));
        assertEquals("a/2026-11-26/x-0.log", w.currentKey());
        append(w, "three\n");
        assertEquals("one\ntwo\n", store.text("a/2026-11-25/x-0.log"));
        assertEquals("three\n", store.text("a/2026-11-26/x-0.log"));
        assertEquals("oss://logs/a/2026-11-26/x-0.log", w.currentLocation());
    }

    @Test
    void rollsOverWhenFullAndSkipsObjectsThatAreNotAppendable() throws Exception {
        RollingObjectWriter w = writer("x-%i.log", 10);
        w.beginBatch(DAY1);
        append(w, "12345678\n");
        store.putNormal("x-1.log", "normal\n"); // written by someone else after the listing
        append(w, "abcdefgh\n");
        assertEquals("12345678\n", store.text("x-0.log"));
        assertEquals("normal\n", store.text("x-1.log"));
        assertEquals("abcdefgh\n", store.text("x-2.log"));
        assertEquals("x-2.log", w.currentKey());
        assertTrue(status.matching("INFO", "rolling over from oss://logs/x-1.log to x-2.log (NOT_APPENDABLE)").size() == 1,
                status.messages.toString());
    }

    @Test
    void aPatternWithoutIndexRollsBySuffix() throws Exception {
        RollingObjectWriter w = writer("app.log", 10);
        w.beginBatch(DAY1);
        append(w, "12345678\n");
        append(w, "abcdefgh\n");
        assertEquals("abcdefgh\n", store.text("app.1.log"));
    }

    @Test
    void resumesTheObjectAnEarlierRunWasWriting() throws Exception {
        store.putAppendable("x-0.log", "full full\n");
        store.putAppendable("x-1.log", "earlier\n");
        RollingObjectWriter w = writer("x-%i.log", 10);
        w.beginBatch(DAY1);
        append(w, "a\n");
        assertEquals("earlier\na\n", store.text("x-1.log"));
    }

    @Test
    void aFailureLeavesTheBatchForTheSameObject() throws Exception {
        RollingObjectWriter w = writer("x-%i.log", 100);
        w.beginBatch(DAY1);
        store.down(true);
        assertThrows(AppendFailedException.class, () -> append(w, "kept\n"));
        store.down(false);
        append(w, "kept\n");
        assertEquals("kept\n", store.text("x-0.log"));
    }

    /** Objects x-0.log .. x-(count-1).log of 10 bytes each (full at maxObjectBytes 10), the last one {@code last}. */
    private void earlierObjects(int count, String last) {
        for (int i = 0; i < count - 1; i++) {
            store.putAppendable("a/2026-11-25/x-" + i + ".log", "full full\n");
        }
        store.putAppendable("a/2026-11-25/x-" + (count - 1) + ".log", last);
    }

    @Test
    void resumesTheNewestIndexOfThePeriodFoundByOneListing() throws Exception {
        earlierObjects(150, "abc\n");
        store.putAppendable("a/2026-11-25/x-notanumber.log", "other\n");
        store.putAppendable("a/2026-11-25/x-0999.log", "leading zero: not ours\n");
        store.putAppendable("a/2026-11-25/x-1000.log.bak", "other\n");
        store.putAppendable("a/2026-11-24/x-500.log", "another day\n");
        RollingObjectWriter w = writer("a/%d{yyyy-MM-dd}/x-%i.log", 10);
        w.beginBatch(DAY1);
        append(w, "de\n");
        assertEquals("abc\nde\n", store.text("a/2026-11-25/x-149.log"));
        assertEquals("a/2026-11-25/x-149.log", w.currentKey());
        assertEquals(1, store.listCalls.get());
        assertTrue(store.headCalls.get() <= 1, "HEADs: " + store.headCalls.get());
    }

    @Test
    void rollsToTheNextIndexWhenTheNewestIsFull() throws Exception {
        earlierObjects(150, "full full\n");
        RollingObjectWriter w = writer("a/%d{yyyy-MM-dd}/x-%i.log", 10);
        w.beginBatch(DAY1);
        append(w, "new\n");
        assertEquals("new\n", store.text("a/2026-11-25/x-150.log"));
        assertEquals(1, store.listCalls.get());
        assertTrue(store.headCalls.get() <= 2, "HEADs: " + store.headCalls.get());
    }

    @Test
    void rollsToTheNextIndexWhenTheNewestIsNotAppendable() throws Exception {
        store.putAppendable("x-0.log", "a\n");
        store.putNormal("x-1.log", "normal\n");
        RollingObjectWriter w = writer("x-%i.log", 100);
        w.beginBatch(DAY1);
        append(w, "b\n");
        assertEquals("b\n", store.text("x-2.log"));
        assertEquals("a\n", store.text("x-0.log"));
    }

    @Test
    void anObjectDeletedUnderTheWriterMakesItRollOver() throws Exception {
        RollingObjectWriter w = writer("x-%i.log", 100);
        w.beginBatch(DAY1);
        append(w, "one\n");
        store.delete("x-0.log");
        w.beginBatch(DAY1);
        append(w, "two\n");
        assertEquals(null, store.text("x-0.log"));
        assertEquals("two\n", store.text("x-1.log"));
    }

    @Test
    void aRefusedListingIsReportedOnceAndThePeriodStartsAtIndexZero() throws Exception {
        io.github.appendlog.oss.FakeAppendStore fake = new io.github.appendlog.oss.FakeAppendStore();
        fake.failWith(io.github.appendlog.oss.FakeAppendStore.Op.LIST, 403, "AccessDenied",
                io.github.appendlog.store.StoreErrorKind.AUTH_FAILED);
        RollingObjectWriter w = new RollingObjectWriter(fake, ObjectKeyPattern.parse("x-%i.log"),
                WriterOptions.builder().maxRetries(0).build(), status);
        w.beginBatch(DAY1);
        byte[] b = "a\n".getBytes(StandardCharsets.UTF_8);
        w.append(b, 0, b.length, NO_DEADLINE);
        assertEquals("a\n", new String(fake.bytes("x-0.log"), StandardCharsets.UTF_8));
        assertEquals(1, status.matching("WARN", "cannot list oss://logs/x-*").size(), status.messages.toString());
    }

    @Test
    void aListingThatFailsOrFindsNoBucketFailsTheCallAndIsTriedAgain() throws Exception {
        io.github.appendlog.oss.FakeAppendStore fake = new io.github.appendlog.oss.FakeAppendStore();
        fake.appendDirect("x-3.log", "old\n".getBytes(StandardCharsets.UTF_8));
        fake.failBefore(io.github.appendlog.oss.FakeAppendStore.Op.LIST);
        fake.failWith(io.github.appendlog.oss.FakeAppendStore.Op.LIST, 404, "NoSuchBucket",
                io.github.appendlog.store.StoreErrorKind.NO_SUCH_BUCKET);
        RollingObjectWriter w = new RollingObjectWriter(fake, ObjectKeyPattern.parse("x-%i.log"),
                WriterOptions.builder().maxRetries(0).build(), status);
        w.beginBatch(DAY1);
        byte[] b = "a\n".getBytes(StandardCharsets.UTF_8);
        assertThrows(AppendFailedException.class, () -> w.append(b, 0, b.length, NO_DEADLINE));
        AppendFailedException e = assertThrows(AppendFailedException.class, () -> w.append(b, 0, b.length, NO_DEADLINE));
        assertEquals(io.github.appendlog.store.StoreErrorKind.NO_SUCH_BUCKET, e.kind());
        w.append(b, 0, b.length, NO_DEADLINE);
        assertEquals("old\na\n", new String(fake.bytes("x-3.log"), StandardCharsets.UTF_8));
    }
}
