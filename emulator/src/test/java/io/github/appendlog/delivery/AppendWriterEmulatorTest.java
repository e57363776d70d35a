package io.github.appendlog.delivery;

import io.github.appendlog.credentials.Credentials;

import static io.github.appendlog.delivery.EmulatorFixture.BUCKET;
import static io.github.appendlog.delivery.EmulatorFixture.append;
import static io.github.appendlog.delivery.EmulatorFixture.batch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.emulator.OssEmulator;
import io.github.appendlog.emulator.Operation;
import io.github.appendlog.oss.OssHttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real {@link OssHttpClient} and {@link AppendWriter} against the emulator under every fault it
 * can inject: each test ends with the object holding every batch exactly once, in order, and the
 * writer's CRC equal to the server's.
 */
class AppendWriterEmulatorTest {
    EmulatorFixture fx = new EmulatorFixture();

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    /** Appends {@code count} batches, injecting {@code fault} before batch {@code at}. */
    List<byte[]> appendAll(AppendWriter w, int count, int at, Runnable fault) throws Exception {
        List<byte[]> batches = new ArrayList<>();
        w.open();
        for (int i = 0; i < count; i++) {
            if (i == at) {
                fault.run();
            }
            byte[] b = batch("w", i);
            assertEquals(w.position() + b.length, append(w, b));
            batches.add(b);
        }
        assertEquals(0, fx.emu.faults().activeRules(), "every injected fault was hit");
        return batches;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"500, InternalError", "502, BadGateway", "503, ServiceUnavailable", "503, SlowDown",
            "429, TooManyRequests"})
    void errorRepliesAreRetried(int status, String code) throws Exception {
        AppendWriter w = fx.writer(fx.client(), "errors-" + status + code + ".log");
        List<byte[]> batches = appendAll(w, 6, 2, () -> fx.emu.faults().failNext(Operation.APPEND, 3, status, code));
        fx.assertObject(w, batches);
        assertEquals(6 + 3, fx.emu.requestCount(Operation.APPEND));
    }

    @Test
    void slowDownOnEveryOperationIsRetried() throws Exception {
        AppendWriter w = fx.writer(fx.client(), "slowdown.log");
        List<byte[]> batches = appendAll(w, 5, 1, () -> fx.emu.faults().slowDown(4));
        fx.assertObject(w, batches);
    }

    @Test
    void resetBeforeApplyIsResent() throws Exception {
        AppendWriter w = fx.writer(fx.client(), "reset.log");
        List<byte[]> batches = appendAll(w, 6, 3, () -> fx.emu.faults().resetBeforeApply(2));
        fx.assertObject(w, batches);
    }

    @Test
    void applyThenDropIsNotDuplicated() throws Exception {
        AppendWriter w = fx.writer(fx.client(), "drop.log");
        List<byte[]> batches = appendAll(w, 6, 0, () -> fx.emu.faults().applyThenDrop(3));
        fx.assertObject(w, batches);
        assertEquals(6, fx.emu.requestCount(Operation.APPEND), "a landed batch is never sent again");
    }

    @Test
    void headFailuresWhileSettlingAreRetried() throws Exception {
        AppendWriter w = fx.writer(fx.client(), "head-faults.log");
        List<byte[]> batches = appendAll(w, 4, 2, () -> fx.emu.faults().applyThenDrop(1)
                .failNext(Operation.HEAD, 1, 500, "InternalError").resetBeforeApply(Operation.HEAD, 1));
        fx.assertObject(w, batches);
    }

    @Test
    void aReplySlowerThanTheRequestTimeoutIsSettledNotDuplicated() throws Exception {
        OssHttpClient client = fx.client(OssHttpClient.builder().v4(fx.emu.region()));
        OssHttpClient impatient = fx.track(OssHttpClient.builder().v4(fx.emu.region()).endpoint(fx.emu.endpoint())
                .bucket(BUCKET).credentials(new io.github.appendlog.credentials.Credentials(EmulatorFixture.ID,
                        EmulatorFixture.SECRET)).requestTimeout(Duration.ofMillis(300)).build());
        AppendWriter w = fx.writer(impatient, "slow.log");
        List<byte[]> batches = appendAll(w, 4, 1,
                () -> fx.emu.faults().delayNext(Operation.APPEND, 2, Duration.ofMillis(900)));
        fx.assertObject(w, batches);
        assertEquals(client.head("slow.log").length(), w.position());
    }

    @Test
    void exhaustedRetriesFailAndTheSameBytesLaterLandOnce() throws Exception {
        AppendWriter w = new AppendWriter(fx.client(), "later.log", EmulatorFixture.options().maxRetries(1).build(),
                fx.status());
        w.open();
        byte[] first = batch("w", 0);
        append(w, first);
        byte[] second = batch("w", 1);
        fx.emu.faults().applyThenDrop(1).failNext(Operation.HEAD, 3, 503, "ServiceUnavailable");
        AppendFailedException e = assertThrows(AppendFailedException.class, () -> append(w, second));
        assertTrue(e.retryable());
        fx.emu.faults().clear();
        append(w, second);
        fx.assertObject(w, List.of(first, second));
    }

    @Test
    void anotherWriterAppendingInBetween() throws Exception {
        String key = "shared-sequential.log";
        AppendWriter a = fx.writer(fx.client(), key);
        AppendWriter b = fx.writer(fx.client(), key);
        a.open();
        b.open();
        List<byte[]> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byte[] fromA = batch("a", i);
            append(a, fromA);
            expected.add(fromA);
            byte[] fromB = batch("b", i);
            append(b, fromB);
            expected.add(fromB);
        }
        fx.assertObject(b, expected);
        byte[] last = batch("a", 99);
        append(a, last);
        expected.add(last);
        fx.assertObject(a, expected);
    }

    AppendWriter impatientWriter(String key) throws Exception {
        return new AppendWriter(fx.client(), key, EmulatorFixture.options().maxRetries(0).build(), fx.status());
    }

    /**
     * Two writers of one key: the impatient {@code a} appends a0, its a1 fails after {@code fault};
     * {@code b} appends b0; {@code a} sends a1 again, which settles the failed attempt.
     */
    final class OtherWriterAfterAFailedAppend {
        final byte[] a0 = batch("a", 0);
        final byte[] a1 = batch("a", 1);
        final byte[] b0 = batch("b", 0);
        final AppendWriter a;
        final AppendWriter b;

        OtherWriterAfterAFailedAppend(String key, Runnable fault) throws Exception {
            a = impatientWriter(key);
            b = fx.writer(fx.client(), key);
            append(a, a0);
            fault.run();
            assertThrows(AppendFailedException.class, () -> append(a, a1));
            append(b, b0);
            append(a, a1);
        }
    }

    @Test
    void anotherWriterAppendsAfterOurLostReply() throws Exception {
        OtherWriterAfterAFailedAppend run = new OtherWriterAfterAFailedAppend("shared-after-drop.log",
                () -> fx.emu.faults().applyThenDrop(1));
        // settled: a1 is found at its position (ranged GET), not sent again
        assertEquals(3, fx.emu.requestCount(Operation.APPEND));
        fx.assertObject(run.a, List.of(run.a0, run.a1, run.b0));
        byte[] a2 = batch("a", 2);
        append(run.a, a2);
        byte[] b1 = batch("b", 1);
        append(run.b, b1);
        fx.assertObject(run.b, List.of(run.a0, run.a1, run.b0, a2, b1));
    }

    @Test
    void anotherWriterTakesTheSlotOfOurFailedAppend() throws Exception {
        OtherWriterAfterAFailedAppend run = new OtherWriterAfterAFailedAppend("shared-slot-taken.log",
                () -> fx.emu.faults().resetBeforeApply(1));
        // settled: the slot holds b0, so a1 goes after it
        fx.assertObject(run.a, List.of(run.a0, run.b0, run.a1));
    }

    @Test
    void objectNotAppendableAfterPutObjectAsksForRollover() throws Exception {
        AppendWriter w = fx.writer(fx.client(), "replaced.log");
        append(w, batch("w", 0));
        fx.emu.putObject(BUCKET, "replaced.log", "normal object".getBytes());
        byte[] next = batch("w", 1);
        RolloverRequiredException e = assertThrows(RolloverRequiredException.class, () -> append(w, next));
        assertEquals(RolloverRequiredException.Reason.NOT_APPENDABLE, e.reason());
        assertArrayEquals("normal object".getBytes(), fx.object("replaced.log"));
        AppendWriter rolled = fx.writer(fx.client(), "replaced.1.log");
        append(rolled, next);
        fx.assertObject(rolled, List.of(next));
    }

    @Test
    void openRefusesANormalObject() throws Exception {
        fx.emu.putObject(BUCKET, "normal.log", "x".getBytes());
        AppendWriter w = fx.writer(fx.client(), "normal.log");
        assertEquals(RolloverRequiredException.Reason.NOT_APPENDABLE,
                assertThrows(RolloverRequiredException.class, w::open).reason());
    }

    @Test
    void deletedObjectAsksForRolloverWithConflict() throws Exception {
        AppendWriter w = fx.writer(fx.client(), "deleted.log");
        append(w, batch("w", 0));
        fx.emu.deleteObject(BUCKET, "deleted.log");
        fx.emu.faults().resetBeforeApply(1);
        RolloverRequiredException e = assertThrows(RolloverRequiredException.class, () -> append(w, batch("w", 1)));
        assertEquals(RolloverRequiredException.Reason.CONFLICT, e.reason());
        assertEquals(null, fx.object("deleted.log"));
        assertEquals(0, fx.errors.size(), "a deleted object is a runtime condition: " + fx.errors);
        assertEquals(1, fx.warnings.size(), fx.warnings.toString());
    }

    @Test
    void theStoresMaximumSizeAsksForRollover() throws Exception {
        fx.close();
        fx = new EmulatorFixture(OssEmulator.builder().port(0).bucket(BUCKET)
                .credentials(EmulatorFixture.ID, EmulatorFixture.SECRET).maxObjectBytes(100));
        AppendWriter w = fx.writer(fx.client(), "full.log");
        List<byte[]> landed = new ArrayList<>();
        RolloverRequiredException e = null;
        for (int i = 0; i < 20 && e == null; i++) {
            byte[] b = batch("w", i);
            try {
                append(w, b);
                landed.add(b);
            } catch (RolloverRequiredException r) {
                e = r;
            }
        }
        assertTrue(e != null, "the object never filled up");
        assertEquals(RolloverRequiredException.Reason.SIZE_LIMIT, e.reason());
        fx.assertObject(w, landed);
    }

    @Test
    void maxObjectBytesRollsOverBeforeSending() throws Exception {
        AppendWriter w = new AppendWriter(fx.client(), "limited.log",
                EmulatorFixture.options().maxObjectBytes(40).build(), fx.status());
        byte[] b = "0123456789012345678901234567890\n".getBytes();
        append(w, b);
        long appends = fx.emu.requestCount(Operation.APPEND);
        assertEquals(RolloverRequiredException.Reason.SIZE_LIMIT,
                assertThrows(RolloverRequiredException.class, () -> append(w, b)).reason());
        assertEquals(appends, fx.emu.requestCount(Operation.APPEND));
        fx.assertObject(w, List.of(b));
    }

    @Test
    void aNewWriterResumesAnExistingObject() throws Exception {
        AppendWriter first = fx.writer(fx.client(), "resume.log");
        byte[] b0 = batch("w", 0);
        append(first, b0);
        AppendWriter second = fx.writer(fx.client(), "resume.log");
        second.open();
        assertEquals(first.position(), second.position());
        assertEquals(first.checksum(), second.checksum());
        byte[] b1 = batch("w", 1);
        append(second, b1);
        fx.assertObject(second, List.of(b0, b1));
    }

    @Test
    void anAppendCancelledAtTheCallersDeadlineIsSettledByTheNextCallNotResentBlindly() throws Exception {
        OssHttpClient client = fx.client(OssHttpClient.builder().v4(fx.emu.region()).requestTimeout(Duration.ofMinutes(1)));
        AppendWriter w = fx.writer(client, "cancelled.log");
        w.open();
        byte[] first = batch("w", 0);
        append(w, first);
        fx.emu.faults().delayNext(Operation.APPEND, 1, Duration.ofSeconds(2)); // applied, reply held back
        byte[] second = batch("w", 1);
        long deadline = System.nanoTime() + Duration.ofMillis(300).toNanos();
        long start = System.nanoTime();
        assertThrows(AppendFailedException.class, () -> w.append(second, 0, second.length, deadline));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos(), "the request ended at the deadline");
        assertTrue(w.hasUnresolvedAttempt());
        append(w, second);
        fx.assertObject(w, List.of(first, second));
        assertEquals(2, fx.emu.requestCount(Operation.APPEND), "the cancelled append had landed: not sent again");
    }
}
