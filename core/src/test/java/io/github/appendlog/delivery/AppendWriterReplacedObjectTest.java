package io.github.appendlog.delivery;

import static io.github.appendlog.delivery.AppendWriterRecoveryTest.assertRollover;
import static io.github.appendlog.delivery.AppendWriterTest.KEY;
import static io.github.appendlog.delivery.AppendWriterTest.append;
import static io.github.appendlog.delivery.AppendWriterTest.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.oss.FakeAppendStore.Op;
import org.junit.jupiter.api.Test;

/**
 * An object replaced behind the writer (docs/append-protocol.md §6.5, §6.6) is judged the same way
 * whether or not the attempt being settled landed: the batch counts as landed if its bytes are there,
 * and the writer appends nothing more to that object ({@code CONFLICT} rollover, one warning naming it).
 */
class AppendWriterReplacedObjectTest {
    final AppendWriterTest t = new AppendWriterTest();

    AppendWriter opened(WriterOptions.Builder options) throws Exception {
        AppendWriter w = t.writer(options);
        w.open();
        return w;
    }

    /** A replaced object is a runtime condition (another writer), reported once at WARN. */
    void assertOneWarningNamingTheObject() {
        assertEquals(0, t.status.errors().size(), t.status.all());
        assertEquals(1, t.status.warnings().size(), t.status.all());
        assertTrue(t.status.warnings().get(0).contains("'" + KEY + "'"), t.status.all());
    }

    @Test
    void aLostReplyThatLandedOnAReplacedObjectCountsAsLandedAndTheNextAppendRollsOver() throws Exception {
        AppendWriter w = opened(t.options());
        append(w, b("abc"));
        t.store.replaceAppendable(KEY, b("xyz"));
        t.store.applyThenDrop();
        assertEquals(4, append(w, b("d")), "the batch landed: not sent again");
        assertEquals(2, t.store.count(Op.APPEND));
        assertOneWarningNamingTheObject();
        assertRollover(RolloverRequiredException.Reason.CONFLICT, w, "e");
        assertArrayEquals(b("xyzd"), t.store.bytes(KEY), "nothing appended after the replacement was seen");
        assertEquals(2, t.store.count(Op.APPEND));
    }

    @Test
    void anAbandonedAttemptThatLandedOnAReplacedObjectRollsTheNextBatchOver() throws Exception {
        AppendWriter w = opened(t.options().maxRetries(0));
        append(w, b("abc"));
        t.store.replaceAppendable(KEY, b("xyz"));
        t.store.applyThenDrop();
        assertThrows(AppendFailedException.class, () -> append(w, b("given-up")));
        assertRollover(RolloverRequiredException.Reason.CONFLICT, w, "next");
        assertArrayEquals(b("xyzgiven-up"), t.store.bytes(KEY));
        assertOneWarningNamingTheObject();
    }

    @Test
    void anotherWritersBatchOfTheSameLengthOnAReplacedObjectRollsOver() throws Exception {
        AppendWriter w = opened(t.options());
        append(w, b("abc"));
        t.store.replaceAppendable(KEY, b("xyz"));
        t.store.failBefore(Op.APPEND).before(Op.HEAD, s -> s.appendDirect(KEY, b("E")));
        assertRollover(RolloverRequiredException.Reason.CONFLICT, w, "d");
        assertArrayEquals(b("xyzE"), t.store.bytes(KEY), "the batch was not sent again to the replaced object");
        assertOneWarningNamingTheObject();
    }

    @Test
    void anotherWritersBatchOfTheSameLengthOnTheSameObjectIsFollowedByOurs() throws Exception {
        AppendWriter w = opened(t.options());
        append(w, b("abc"));
        t.store.failBefore(Op.APPEND).before(Op.HEAD, s -> s.appendDirect(KEY, b("E")));
        append(w, b("d"));
        t.assertObject(w, "abc", "E", "d");
        assertEquals(0, t.status.errors().size(), t.status.all());
    }
}
