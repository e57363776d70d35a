package io.github.appendlog.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

class StatusLoggerReporterTest {
    private final StatusLoggerReporter reporter = new StatusLoggerReporter("OSS");

    @Test
    void everyMessageNamesTheAppenderOnce() {
        assertEquals("appendlog 'OSS': dropped 3 events", reporter.label("appendlog 'OSS': dropped 3 events"));
        assertEquals("appendlog 'OSS': resuming object 'a.log'", reporter.label("appendlog: resuming object 'a.log'"));
        assertEquals("appendlog 'OSS': SignatureDoesNotMatch", reporter.label("SignatureDoesNotMatch"));
    }

    @Test
    void levelsAndCausesReachTheStatusLogger() {
        try (StatusCapture status = StatusCapture.open()) {
            reporter.info("appendlog: started");
            reporter.warn("slow", new IllegalStateException("cause"));
            reporter.error("appendlog: failed");
            assertTrue(status.messages(Level.INFO).contains("appendlog 'OSS': started"), status.messages(Level.INFO).toString());
            assertTrue(status.messages(Level.WARN).contains("appendlog 'OSS': slow / java.lang.IllegalStateException: cause"));
            assertEquals(1, status.messages(Level.ERROR).size());
            assertEquals("appendlog 'OSS': failed", status.messages(Level.ERROR).get(0));
        }
    }
}
