package io.github.appendlog.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SizeEstimateTest {

    @Test
    void isTheMessageLengthWithoutAThrowable() {
        assertEquals(42, SizeEstimate.of(42, null));
        assertEquals(0, SizeEstimate.of(-1, null));
    }

    @Test
    void addsEachCausesNameMessageAndFrames() {
        Exception cause = new IllegalArgumentException("bad");
        Exception thrown = new IllegalStateException("boom", cause);
        int expected = 10
                + IllegalStateException.class.getName().length() + 4 + thrown.getStackTrace().length * SizeEstimate.BYTES_PER_FRAME
                + IllegalArgumentException.class.getName().length() + 3 + cause.getStackTrace().length * SizeEstimate.BYTES_PER_FRAME;
        assertEquals(expected, SizeEstimate.of(10, thrown));
    }
}
