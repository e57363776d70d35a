package io.github.appendlog.delivery;

import io.github.appendlog.pipeline.RecordingStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class FailureReporterTest {
    private final RecordingStatus status = new RecordingStatus();
    private final FailureReporter reporter = new FailureReporter(status, "appendlog 'a': ", 1000);

    @Test
    void reportsTheFirstFailureThenOneSummaryPerIntervalThenTheRecovery() {
        IOException e = new IOException("Connection refused");
        reporter.failed("cannot append to k", e, 0);
        reporter.failed("cannot append to k", e, 10);
        reporter.failed("cannot append to k", e, 999);
        assertEquals(1, status.messages.size());
        assertEquals("WARN appendlog 'a': cannot append to k: Connection refused", status.messages.get(0));
        reporter.failed("cannot append to k", e, 1000);
        assertEquals("WARN appendlog 'a': cannot append to k still fails (3 more failed attempts, 4 in a row): "
                + "Connection refused", status.messages.get(1));
        assertEquals(4, reporter.failuresInARow());
        reporter.succeeded("appending to k");
        assertEquals("INFO appendlog 'a': appending to k works again after 4 failed attempts", status.messages.get(2));
        reporter.succeeded("appending to k");
        assertEquals(3, status.messages.size());
        assertEquals(0, reporter.failuresInARow());
    }
}
