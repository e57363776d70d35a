package io.github.appendlog.delivery;

import io.github.appendlog.config.AppendlogConfig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.oss.Crc64;
import io.github.appendlog.oss.FakeAppendStore;
import io.github.appendlog.oss.FakeAppendStore.Op;
import io.github.appendlog.store.StoreErrorKind;
import io.github.appendlog.status.RecordingStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The writer's happy path, size limit, retries and reporting; exactly-once recovery is in {@link AppendWriterRecoveryTest}. */
class AppendWriterTest {
    static final String KEY = "logs/app.log";
    static final long NO_DEADLINE = Long.MAX_VALUE / 4;

    final FakeAppendStore store = new FakeAppendStore();
    final RecordingStatus status = new RecordingStatus();
    final List<Long> sleeps = new ArrayList<>();
    long now;

    WriterOptions.Builder options() {
        return WriterOptions.builder()
                .maxRetries(3)
                .retryBaseDelay(Duration.ofMillis(100))
                .retryMaxDelay(Duration.ofMillis(1000))
                .random(() -> 0.5)
                .nanoTime(() -> now)
                .sleeper(n -> {
                    sleeps.add(n);
                    now += n;
                });
    }

    AppendWriter writer(WriterOptions.Builder options) {
        return new AppendWriter(store, KEY, options.build(), status);
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static long append(AppendWriter w, byte[] data) throws Exception {
        return w.append(data, 0, data.length, NO_DEADLINE);
    }

    void assertObject(AppendWriter w, String... batches) {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (String batch : batches) {
            expected.writeBytes(b(batch));
        }
        byte[] want = expected.toByteArray();
        assertArrayEquals(want, store.bytes(KEY), () -> "object is '" + new String(store.bytes(KEY),
                StandardCharsets.UTF_8) + "'\n" + status.all());
        assertEquals(want.length, w.position());
        assertEquals(Crc64.compute(want, 0, want.length), w.checksum());
        assertEquals(store.crc(KEY), w.checksum());
    }

    @Test
    void newObjectStartsAtZeroAndOnlyTheFirstAppendCreates() throws Exception {
        AppendWriter w = writer(options());
        w.open();
        assertEquals(0, w.position());
        assertEquals(0, w.checksum());
        assertEquals(6, append(w, b("hello\n")));
        assertEquals(12, append(w, b("world\n")));
        assertObject(w, "hello\n", "world\n");
        assertEquals(Arrays.asList(true, false), store.creatingFlags());
        assertEquals(KEY, w.key());
    }

    @Test
    void knownAnswerCrcMatchesTheProtocolVector() throws Exception {
        AppendWriter w = writer(options());
        append(w, b("hi oss,"));
        assertEquals(Long.parseUnsignedLong("15880966883091442063"), w.checksum());
        append(w, b("append object"));
        assertEquals(Long.parseUnsignedLong("2313496259928504459"), w.checksum());
    }

    @Test
    void openResumesAnAppendableObjectAtItsLengthAndCrc() throws Exception {
        store.appendDirect(KEY, b("earlier\n"));
        AppendWriter w = writer(options());
        w.open();
        assertEquals(8, w.position());
        assertEquals(store.crc(KEY), w.checksum());
        append(w, b("later\n"));
        assertObject(w, "earlier\n", "later\n");
        assertEquals(Arrays.asList(false), store.creatingFlags());
    }

    @Test
    void appendOpensLazily() throws Exception {
        store.appendDirect(KEY, b("x"));
        AppendWriter w = writer(options());
        assertEquals(2, append(w, b("y")));
        assertObject(w, "x", "y");
    }

    @Test
    void openRefusesANormalObject() {
        store.putNormal(KEY, b("put"));
        AppendWriter w = writer(options());
        RolloverRequiredException e = assertThrows(RolloverRequiredException.class, w::open);
        assertEquals(RolloverRequiredException.Reason.NOT_APPENDABLE, e.reason());
        assertEquals(KEY, e.key());
        RolloverRequiredException again = assertThrows(RolloverRequiredException.class, () -> append(w, b("z")));
        assertEquals(RolloverRequiredException.Reason.NOT_APPENDABLE, again.reason());
        assertEquals(0, store.count(Op.APPEND));
    }

    @Test
    void openRetriesTransientHeadErrors() throws Exception {
        store.failBefore(Op.HEAD).failWith(Op.HEAD, 500, "InternalError", StoreErrorKind.TRANSIENT);
        AppendWriter w = writer(options());
        w.open();
        assertEquals(3, store.count(Op.HEAD));
        assertEquals(2, sleeps.size());
    }

    @Test
    void openFailsAtOnceOnAuthErrors() {
        store.failWith(Op.HEAD, 403, "InvalidAccessKeyId", StoreErrorKind.AUTH_FAILED);
        AppendFailedException e = assertThrows(AppendFailedException.class, writer(options())::open);
        assertEquals(StoreErrorKind.AUTH_FAILED, e.kind());
        assertFalse(e.retryable());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void sizeLimitIsCheckedBeforeSending() throws Exception {
        AppendWriter w = writer(options().maxObjectBytes(10));
        append(w, b("12345678"));
        RolloverRequiredException e = assertThrows(RolloverRequiredException.class, () -> append(w, b("abc")));
        assertEquals(RolloverRequiredException.Reason.SIZE_LIMIT, e.reason());
        assertEquals(1, store.count(Op.APPEND));
        assertEquals(10, append(w, b("ab")));
        assertObject(w, "12345678", "ab");
    }

    @Test
    void storeSizeLimitAsksForRollover() throws Exception {
        store.maxObjectBytes(5);
        AppendWriter w = writer(options());
        append(w, b("1234"));
        RolloverRequiredException e = assertThrows(RolloverRequiredException.class, () -> append(w, b("56")));
        assertEquals(RolloverRequiredException.Reason.SIZE_LIMIT, e.reason());
        assertObject(w, "1234");
    }

    @Test
    void zeroLengthAppendSendsNothing() throws Exception {
        AppendWriter w = writer(options());
        append(w, b("a"));
        assertEquals(1, w.append(new byte[0], 0, 0, NO_DEADLINE));
        assertEquals(1, store.count(Op.APPEND));
    }

    @Test
    void appendHonoursOffsetAndLength() throws Exception {
        AppendWriter w = writer(options());
        byte[] buf = b("xxHELLOyy");
        assertEquals(5, w.append(buf, 2, 5, NO_DEADLINE));
        assertObject(w, "HELLO");
        assertThrows(IndexOutOfBoundsException.class, () -> w.append(buf, 5, 5, NO_DEADLINE));
    }

    @Test
    void throttlingIsRetriedWithoutAHeadBecauseNothingWasApplied() throws Exception {
        AppendWriter w = writer(options());
        w.open();
        store.failWith(Op.APPEND, 503, "SlowDown", StoreErrorKind.THROTTLED)
                .failWith(Op.APPEND, 429, "TooManyRequests", StoreErrorKind.THROTTLED);
        append(w, b("data"));
        assertObject(w, "data");
        assertEquals(1, store.count(Op.HEAD));
        assertEquals(3, store.count(Op.APPEND));
    }

    @Test
    void backoffDoublesUpToTheCapWithJitter() throws Exception {
        AppendWriter w = writer(options().maxRetries(6));
        w.open();
        for (int i = 0; i < 6; i++) {
            store.failWith(Op.APPEND, 503, "SlowDown", StoreErrorKind.THROTTLED);
        }
        append(w, b("data"));
        long ms = 1_000_000;
        assertEquals(Arrays.asList(50 * ms, 100 * ms, 200 * ms, 400 * ms, 500 * ms, 500 * ms), sleeps);
    }

    @Test
    void retriesExhaustedGiveAppendFailedThatIsRetryable() throws Exception {
        AppendWriter w = writer(options().maxRetries(2));
        w.open();
        for (int i = 0; i < 3; i++) {
            store.failWith(Op.APPEND, 503, "SlowDown", StoreErrorKind.THROTTLED);
        }
        AppendFailedException e = assertThrows(AppendFailedException.class, () -> append(w, b("data")));
        assertEquals(StoreErrorKind.THROTTLED, e.kind());
        assertEquals("SlowDown", e.errorCode());
        assertTrue(e.retryable());
        assertEquals(2, sleeps.size());
        append(w, b("data"));
        assertObject(w, "data");
    }

    @Test
    void nonRetryableErrorsFailAtOnce() throws Exception {
        AppendWriter w = writer(options());
        w.open();
        store.failWith(Op.APPEND, 403, "SignatureDoesNotMatch", StoreErrorKind.AUTH_FAILED)
                .failWith(Op.APPEND, 404, "NoSuchBucket", StoreErrorKind.NO_SUCH_BUCKET)
                .failWith(Op.APPEND, 400, "InvalidArgument", StoreErrorKind.BAD_REQUEST);
        for (StoreErrorKind kind : Arrays.asList(StoreErrorKind.AUTH_FAILED, StoreErrorKind.NO_SUCH_BUCKET,
                StoreErrorKind.BAD_REQUEST)) {
            AppendFailedException e = assertThrows(AppendFailedException.class, () -> append(w, b("data")));
            assertEquals(kind, e.kind());
            assertFalse(e.retryable());
        }
        assertTrue(sleeps.isEmpty());
        append(w, b("data"));
        assertObject(w, "data");
    }

    @Test
    void noRetryWaitEndsPastTheDeadline() throws Exception {
        AppendWriter w = writer(options());
        w.open();
        store.failWith(Op.APPEND, 503, "SlowDown", StoreErrorKind.THROTTLED);
        byte[] data = b("data");
        AppendFailedException e = assertThrows(AppendFailedException.class,
                () -> w.append(data, 0, data.length, now + 10_000_000));
        assertTrue(e.getMessage().contains("deadline"), e.getMessage());
        assertTrue(sleeps.isEmpty());
        assertEquals(1, store.count(Op.APPEND));
    }

    @Test
    void theFirstAttemptIsMadeEvenWhenTheDeadlineHasPassed() throws Exception {
        AppendWriter w = writer(options());
        w.open();
        byte[] data = b("data");
        assertEquals(4, w.append(data, 0, data.length, now - 1));
        assertObject(w, "data");
    }

    @Test
    void failuresAreLeftToTheCallerToReportAndRecoveryIsNoted() throws Exception {
        AppendWriter w = writer(options().maxRetries(0));
        w.open();
        store.failWith(Op.APPEND, 503, "SlowDown", StoreErrorKind.THROTTLED)
                .failWith(Op.APPEND, 503, "SlowDown", StoreErrorKind.THROTTLED);
        AppendFailedException first = assertThrows(AppendFailedException.class, () -> append(w, b("data")));
        assertTrue(first.getMessage().contains("SlowDown"), first.getMessage());
        assertThrows(AppendFailedException.class, () -> append(w, b("data")));
        // The caller (the pipeline) reports the exception; an error here too would show one failure twice.
        assertTrue(status.errors().isEmpty(), status.all());
        assertTrue(status.infos().stream().anyMatch(m -> m.contains("failure 2 in a row")), status.all());
        append(w, b("data"));
        assertTrue(status.infos().stream().anyMatch(m -> m.contains("succeed again after 2")), status.all());
        assertTrue(status.warnings().isEmpty(), status.all());
    }

    @Test
    void retriesAreReportedAtInfoNotWarn() throws Exception {
        AppendWriter w = writer(options());
        store.failBefore(Op.APPEND).failWith(Op.APPEND, 502, "BadGateway", StoreErrorKind.TRANSIENT);
        append(w, b("data"));
        assertObject(w, "data");
        assertTrue(status.warnings().isEmpty(), status.all());
        assertTrue(status.errors().isEmpty(), status.all());
        assertTrue(status.infos().stream().anyMatch(m -> m.contains("attempt 1 failed")), status.all());
    }

    @Test
    void interruptionDuringBackoffPropagatesAndTheAttemptIsSettledNextTime() throws Exception {
        AppendWriter w = new AppendWriter(store, KEY, options().sleeper(n -> {
            throw new InterruptedException("test");
        }).build(), status);
        w.open();
        store.applyThenDrop();
        assertThrows(InterruptedException.class, () -> append(w, b("data")));
        append(w, b("data"));
        assertObject(w, "data");
        assertEquals(1, store.count(Op.APPEND));
    }

    @Test
    void anInterruptedThreadDoesNotSend() throws Exception {
        AppendWriter w = writer(options());
        w.open();
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> append(w, b("data")));
        assertFalse(Thread.interrupted());
        assertEquals(0, store.count(Op.APPEND));
    }

    @Test
    void worksWhenTheStoreSendsNoCrc() throws Exception {
        store.omitCrc(true);
        store.appendDirect(KEY, b("old"));
        AppendWriter w = writer(options());
        append(w, b("new"));
        store.applyThenDrop();
        append(w, b("more"));
        assertArrayEquals(b("oldnewmore"), store.bytes(KEY));
        assertEquals(10, w.position());
    }

    @Test
    void optionsComeFromTheConfig() {
        io.github.appendlog.config.AppendlogConfig config = io.github.appendlog.config.AppendlogConfig.builder()
                .endpoint("http://127.0.0.1:9000").region("cn-hangzhou").bucket("logs").objectKey("k")
                .accessKeyId("id").accessKeySecret("secret").maxObjectBytes(8 << 20).maxRetries(7)
                .retryBaseDelay(Duration.ofMillis(10)).retryMaxDelay(Duration.ofSeconds(2)).build();
        WriterOptions o = WriterOptions.from(config);
        assertEquals(8 << 20, o.maxObjectBytes());
        assertEquals(7, o.maxRetries());
        assertEquals(Duration.ofMillis(10), o.retryBaseDelay());
        assertEquals(Duration.ofSeconds(2), o.retryMaxDelay());
    }

    @Test
    void optionsReportEveryProblemAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WriterOptions.builder()
                .maxObjectBytes(0).maxRetries(-1).retryBaseDelay(Duration.ofSeconds(5))
                .retryMaxDelay(Duration.ofSeconds(1)).build());
        assertTrue(e.getMessage().contains("maxObjectBytes"), e.getMessage());
        assertTrue(e.getMessage().contains("maxRetries"), e.getMessage());
        assertTrue(e.getMessage().contains("retryBaseDelay"), e.getMessage());
    }
}
