package io.github.appendlog.delivery;

import static io.github.appendlog.delivery.AppendWriterTest.KEY;
import static io.github.appendlog.delivery.AppendWriterTest.append;
import static io.github.appendlog.delivery.AppendWriterTest.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.oss.FakeAppendStore.Op;
import io.github.appendlog.store.StoreErrorKind;
import org.junit.jupiter.api.Test;

/**
 * Every branch of the exactly-once recovery (docs/append-protocol.md §6.5): after an ambiguous outcome
 * or a position conflict the writer proves whether the batch landed before sending again.
 */
class AppendWriterRecoveryTest {
    final AppendWriterTest t = new AppendWriterTest();

    AppendWriter opened() throws Exception {
        return opened(t.options());
    }

    AppendWriter opened(WriterOptions.Builder options) throws Exception {
        AppendWriter w = t.writer(options);
        w.open();
        return w;
    }

    /** Appends {@code data}, which must ask for a rollover for {@code reason}. */
    static void assertRollover(RolloverRequiredException.Reason reason, AppendWriter w, String data) {
        RolloverRequiredException e = assertThrows(RolloverRequiredException.class, () -> append(w, b(data)));
        assertEquals(reason, e.reason());
    }

    /**
     * Opens, appends {@code mine-1}, lets another writer append {@code theirs} just before the next
     * append, appends {@code mine-2}: the object holds all three, each once, in that order.
     */
    void anotherWriterAppendsFirst(String theirs) throws Exception {
        AppendWriter w = opened();
        append(w, b("mine-1\n"));
        t.store.before(Op.APPEND, s -> s.appendDirect(KEY, b(theirs)));
        append(w, b("mine-2\n"));
        t.assertObject(w, "mine-1\n", theirs, "mine-2\n");
    }

    @Test
    void resetBeforeApplyIsResentAtTheSamePosition() throws Exception {
        AppendWriter w = opened();
        append(w, b("one\n"));
        t.store.failBefore(Op.APPEND);
        append(w, b("two\n"));
        t.assertObject(w, "one\n", "two\n");
        assertEquals(3, t.store.count(Op.APPEND));
        assertEquals(2, t.store.count(Op.HEAD), "one HEAD to open, one to settle the lost reply");
    }

    @Test
    void appliedThenDroppedIsNotSentAgain() throws Exception {
        AppendWriter w = opened();
        append(w, b("one\n"));
        t.store.applyThenDrop();
        assertEquals(8, append(w, b("two\n")));
        t.assertObject(w, "one\n", "two\n");
        assertEquals(2, t.store.count(Op.APPEND));
        assertEquals(0, t.store.count(Op.GET), "length and CRC prove it without reading");
    }

    @Test
    void appliedOnTheCreatingAppendThenDropped() throws Exception {
        AppendWriter w = opened();
        t.store.applyThenDrop();
        append(w, b("first"));
        append(w, b("second"));
        t.assertObject(w, "first", "second");
    }

    @Test
    void appliedThen500IsNotSentAgain() throws Exception {
        AppendWriter w = opened();
        t.store.applyThen500();
        append(w, b("data"));
        t.assertObject(w, "data");
        assertEquals(1, t.store.count(Op.APPEND));
    }

    @Test
    void a500WithoutApplyIsResent() throws Exception {
        AppendWriter w = opened();
        t.store.failWith(Op.APPEND, 500, "InternalError", StoreErrorKind.TRANSIENT);
        append(w, b("data"));
        t.assertObject(w, "data");
        assertEquals(2, t.store.count(Op.APPEND));
    }

    @Test
    void anotherWriterAppendedFirstWithFewerBytes() throws Exception {
        anotherWriterAppendsFirst("x\n");
        assertEquals(0, t.store.count(Op.GET), "a shorter foreign append cannot hold our batch");
    }

    @Test
    void anotherWriterAppendedFirstWithMoreBytes() throws Exception {
        anotherWriterAppendsFirst("theirs, longer\n");
        assertEquals(1, t.store.count(Op.GET));
    }

    @Test
    void anotherWriterAppendedTheSameNumberOfBytesFirst() throws Exception {
        anotherWriterAppendsFirst("THEIRS\n");
    }

    @Test
    void anotherWriterAppendedIdenticalBytesFirstCountsAsOurs() throws Exception {
        // Indistinguishable by content: the protocol accepts it (see docs/append-protocol.md §6.5).
        AppendWriter w = opened();
        t.store.before(Op.APPEND, s -> s.appendDirect(KEY, b("same\n")));
        append(w, b("same\n"));
        t.assertObject(w, "same\n");
    }

    @Test
    void appliedThenDroppedThenAnotherWriterAppendedAfterUs() throws Exception {
        AppendWriter w = opened();
        append(w, b("mine-1\n"));
        t.store.applyThenDrop().before(Op.HEAD, s -> s.appendDirect(KEY, b("theirs\n")));
        append(w, b("mine-2\n"));
        t.assertObject(w, "mine-1\n", "mine-2\n", "theirs\n");
        assertEquals(2, t.store.count(Op.APPEND));
        append(w, b("mine-3\n"));
        t.assertObject(w, "mine-1\n", "mine-2\n", "theirs\n", "mine-3\n");
    }

    @Test
    void resetBeforeApplyThenAnotherWriterAppended() throws Exception {
        AppendWriter w = opened();
        append(w, b("mine-1\n"));
        t.store.failBefore(Op.APPEND).before(Op.HEAD, s -> s.appendDirect(KEY, b("theirs-is-long\n")));
        append(w, b("mine-2\n"));
        t.assertObject(w, "mine-1\n", "theirs-is-long\n", "mine-2\n");
    }

    @Test
    void headFailuresWhileSettlingAreRetried() throws Exception {
        AppendWriter w = opened();
        t.store.applyThenDrop().failBefore(Op.HEAD)
                .failWith(Op.HEAD, 503, "ServiceUnavailable", StoreErrorKind.TRANSIENT);
        append(w, b("data"));
        t.assertObject(w, "data");
        assertEquals(1, t.store.count(Op.APPEND));
    }

    @Test
    void getFailureWhileSettlingIsRetried() throws Exception {
        AppendWriter w = opened();
        append(w, b("a"));
        t.store.applyThenDrop().before(Op.HEAD, s -> s.appendDirect(KEY, b("zz")));
        t.store.failBefore(Op.GET);
        append(w, b("bb"));
        t.assertObject(w, "a", "bb", "zz");
        assertEquals(2, t.store.count(Op.GET));
    }

    @Test
    void unresolvedAttemptIsSettledByTheNextCallWithTheSameBytes() throws Exception {
        AppendWriter w = opened(t.options().maxRetries(1));
        t.store.applyThenDrop().failBefore(Op.HEAD).failBefore(Op.HEAD);
        AppendFailedException e = assertThrows(AppendFailedException.class, () -> append(w, b("data")));
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("checked before the next append"), e.getMessage());
        assertTrue(w.hasUnresolvedAttempt());
        append(w, b("data"));
        assertFalse(w.hasUnresolvedAttempt());
        t.assertObject(w, "data");
        assertEquals(1, t.store.count(Op.APPEND), "never sent twice");
    }

    @Test
    void unresolvedAttemptThatDidNotLandIsSentByTheNextCall() throws Exception {
        AppendWriter w = opened(t.options().maxRetries(1));
        t.store.failBefore(Op.APPEND).failBefore(Op.HEAD).failBefore(Op.HEAD);
        assertThrows(AppendFailedException.class, () -> append(w, b("data")));
        append(w, b("data"));
        t.assertObject(w, "data");
    }

    @Test
    void unresolvedAttemptSurvivesANonRetryableError() throws Exception {
        AppendWriter w = opened();
        t.store.applyThenDrop().failWith(Op.HEAD, 403, "AccessDenied", StoreErrorKind.AUTH_FAILED);
        AppendFailedException e = assertThrows(AppendFailedException.class, () -> append(w, b("data")));
        assertEquals(StoreErrorKind.AUTH_FAILED, e.kind());
        append(w, b("data"));
        t.assertObject(w, "data");
        assertEquals(1, t.store.count(Op.APPEND));
    }

    @Test
    void abandonedAttemptThatLandedIsSettledBeforeADifferentBatch() throws Exception {
        AppendWriter w = opened(t.options().maxRetries(0));
        t.store.applyThenDrop();
        assertThrows(AppendFailedException.class, () -> append(w, b("given-up")));
        append(w, b("next"));
        t.assertObject(w, "given-up", "next");
        assertTrue(t.status.warnings().stream().anyMatch(m -> m.contains("landed after all")), t.status.all());
    }

    @Test
    void abandonedAttemptThatLandedBeforeAnotherWritersBytesIsFoundByCrc() throws Exception {
        AppendWriter w = opened(t.options().maxRetries(0));
        t.store.applyThenDrop();
        assertThrows(AppendFailedException.class, () -> append(w, b("given-up")));
        t.store.appendDirect(KEY, b("theirs"));
        append(w, b("next"));
        t.assertObject(w, "given-up", "theirs", "next");
    }

    @Test
    void abandonedAttemptThatDidNotLandIsForgotten() throws Exception {
        AppendWriter w = opened(t.options().maxRetries(0));
        t.store.failBefore(Op.APPEND);
        assertThrows(AppendFailedException.class, () -> append(w, b("given-up")));
        append(w, b("next"));
        t.assertObject(w, "next");
    }

    @Test
    void positionConflictAfterALostReplyIsSettledAsApplied() throws Exception {
        // The first attempt lands late (e.g. a slow server): the resend gets 409, and HEAD proves it.
        AppendWriter w = opened();
        t.store.failBefore(Op.APPEND).before(Op.APPEND, s -> s.appendDirect(KEY, b("data")));
        append(w, b("data"));
        t.assertObject(w, "data");
        assertEquals(3, t.store.count(Op.HEAD), "open, after the lost reply, after the 409");
    }

    @Test
    void tooManyConflictsGiveAppendFailed() throws Exception {
        AppendWriter w = opened(t.options().maxConflicts(2));
        for (int i = 0; i < 3; i++) {
            t.store.before(Op.APPEND, s -> s.appendDirect(KEY, b("theirs")));
        }
        AppendFailedException e = assertThrows(AppendFailedException.class, () -> append(w, b("mine")));
        assertEquals(StoreErrorKind.POSITION_MISMATCH, e.kind());
        assertTrue(e.retryable());
        append(w, b("mine"));
        t.assertObject(w, "theirs", "theirs", "theirs", "mine");
    }

    @Test
    void objectNotAppendableAfterPutObjectAsksForRollover() throws Exception {
        AppendWriter w = opened();
        append(w, b("a"));
        t.store.putNormal(KEY, b("put"));
        assertRollover(RolloverRequiredException.Reason.NOT_APPENDABLE, w, "b");
        assertThrows(RolloverRequiredException.class, () -> append(w, b("b")));
    }

    @Test
    void objectReplacedByPutObjectWhileSettlingAsksForRollover() throws Exception {
        AppendWriter w = opened();
        t.store.failBefore(Op.APPEND).before(Op.HEAD, s -> s.putNormal(KEY, b("put")));
        assertRollover(RolloverRequiredException.Reason.NOT_APPENDABLE, w, "b");
    }

    @Test
    void deletedObjectAsksForRolloverWithConflict() throws Exception {
        AppendWriter w = opened();
        append(w, b("a"));
        t.store.failBefore(Op.APPEND).before(Op.HEAD, s -> s.delete(KEY));
        assertRollover(RolloverRequiredException.Reason.CONFLICT, w, "b");
        assertEquals(0, t.status.errors().size(), t.status.all());
        assertEquals(1, t.status.warnings().size(), "a deleted object is a runtime condition: " + t.status.all());
        assertThrows(RolloverRequiredException.class, () -> append(w, b("b")));
    }

    @Test
    void deletedBeforeTheCreatingAppendIsResentAtZero() throws Exception {
        AppendWriter w = opened();
        t.store.failBefore(Op.APPEND);
        append(w, b("a"));
        t.assertObject(w, "a");
        assertEquals(java.util.Arrays.asList(true, true), t.store.creatingFlags());
    }

    @Test
    void truncatedObjectAsksForRolloverWithConflict() throws Exception {
        AppendWriter w = opened();
        append(w, b("abcdef"));
        t.store.before(Op.APPEND, s -> s.replaceAppendable(KEY, b("ab")));
        assertRollover(RolloverRequiredException.Reason.CONFLICT, w, "g");
        assertArrayEquals(b("ab"), t.store.bytes(KEY));
    }

    @Test
    void replacedWithTheSameLengthAsksForRolloverWithConflict() throws Exception {
        AppendWriter w = opened();
        append(w, b("abc"));
        t.store.failBefore(Op.APPEND).before(Op.HEAD, s -> s.replaceAppendable(KEY, b("xyz")));
        assertRollover(RolloverRequiredException.Reason.CONFLICT, w, "d");
    }

    @Test
    void wrongCrcInAReplyIsAnErrorAndTheNextAppendRollsOver() throws Exception {
        AppendWriter w = opened();
        append(w, b("a"));
        t.store.wrongCrcReply();
        assertEquals(2, append(w, b("b")), "the batch did land");
        t.assertObject(w, "a", "b");
        assertEquals(1, t.status.errors().size(), t.status.all());
        assertTrue(t.status.errors().get(0).contains("CRC-64"), t.status.all());
        assertRollover(RolloverRequiredException.Reason.CONFLICT, w, "c");
    }

    @Test
    void corruptedAppendAsksForRolloverSoTheBatchIsSentIntact() throws Exception {
        AppendWriter w = opened();
        append(w, b("a"));
        t.store.corruptNextAppend();
        assertRollover(RolloverRequiredException.Reason.CONFLICT, w, "bcd");
        assertTrue(t.status.errors().size() >= 1, t.status.all());
    }

    @Test
    void aNoSuchKeyReplyToAnAppendRollsOverInsteadOfResendingAtTheSamePosition() throws Exception {
        AppendWriter w = opened();
        append(w, b("one\n"));
        t.store.delete(KEY);
        t.store.failWith(Op.APPEND, 404, "NoSuchKey", StoreErrorKind.NO_SUCH_KEY);
        t.store.failWith(Op.APPEND, 404, "NoSuchKey", StoreErrorKind.NO_SUCH_KEY);
        assertRollover(RolloverRequiredException.Reason.CONFLICT, w, "two\n");
        assertEquals(2, t.store.count(Op.APPEND), "the batch is not sent again to the vanished object");
        assertRollover(RolloverRequiredException.Reason.CONFLICT, w, "two\n");
        assertEquals(2, t.store.count(Op.APPEND));
    }

    @Test
    void aNoSuchKeyReplyToTheCreatingAppendIsResentAtZeroOnceTheObjectIsKnownMissing() throws Exception {
        AppendWriter w = opened();
        t.store.failWith(Op.APPEND, 404, "NoSuchKey", StoreErrorKind.NO_SUCH_KEY);
        assertEquals(4, append(w, b("one\n")));
        t.assertObject(w, "one\n");
        assertEquals(2, t.store.count(Op.APPEND));
        assertEquals(2, t.store.count(Op.HEAD), "one HEAD to open, one to settle the 404");
    }

    @Test
    void anObjectDeletedBetweenAppendsMakesTheWriterRollOver() throws Exception {
        AppendWriter w = opened();
        append(w, b("one\n"));
        t.store.delete(KEY);
        assertRollover(RolloverRequiredException.Reason.CONFLICT, w, "two\n");
        assertEquals(null, t.store.bytes(KEY), "nothing recreated at a position the object never had");
    }

    @Test
    void everyRequestCarriesTheCallersDeadline() throws Exception {
        AppendWriter w = t.writer(t.options());
        t.store.failBefore(Op.APPEND);
        t.store.applyThenDrop();
        long deadline = AppendWriterTest.NO_DEADLINE - 1;
        w.append(b("one\n"), 0, 4, deadline);
        assertEquals(java.util.List.of("HEAD " + KEY, "APPEND " + KEY + " 0 4", "HEAD " + KEY, "APPEND " + KEY + " 0 4",
                "HEAD " + KEY), t.store.calls());
        assertTrue(t.store.deadlines().stream().allMatch(d -> d == deadline), t.store.deadlines().toString());
    }
}
