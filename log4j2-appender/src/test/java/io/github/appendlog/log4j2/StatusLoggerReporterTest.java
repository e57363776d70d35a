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
    void aWarningNoStatusListenerShowsIsPrintedToStandardErrorOnce() {
        // Log4j2's status logger prints ERROR only by default: an outage after start would be silent.
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        StatusLoggerReporter printing = new StatusLoggerReporter("OSS",
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8), () -> false);
        printing.warn("cannot append to 'a.log': store unreachable", new java.io.IOException("connect timed out"));
        printing.info("appendlog: started");
        String printed = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(printed.matches("\\S+Z \\S+ WARN appendlog 'OSS': cannot append to 'a.log': store unreachable"
                + " \\(java.io.IOException: connect timed out\\)\\R"), printed);

        java.io.ByteArrayOutputStream quiet = new java.io.ByteArrayOutputStream();
        StatusLoggerReporter shown = new StatusLoggerReporter("OSS",
                new java.io.PrintStream(quiet, true, java.nio.charset.StandardCharsets.UTF_8), () -> true);
        shown.warn("cannot append", null);
        assertEquals("", quiet.toString(java.nio.charset.StandardCharsets.UTF_8), "a status listener shows it already");
    }

    @Test
    void whetherTheStatusLoggerShowsAWarningFollowsItsListeners() {
        org.apache.logging.log4j.status.StatusLogger logger = org.apache.logging.log4j.status.StatusLogger.getLogger();
        boolean before = StatusLoggerReporter.statusLoggerShowsWarnings();
        try (StatusCapture status = StatusCapture.open()) { // a listener at WARN or finer
            assertTrue(StatusLoggerReporter.statusLoggerShowsWarnings());
        }
        assertEquals(before, StatusLoggerReporter.statusLoggerShowsWarnings());
        // With listeners registered the status logger notifies only them (its console fallback stays
        // silent); without, only the fallback.
        java.util.List<org.apache.logging.log4j.status.StatusListener> listeners = new java.util.ArrayList<>();
        logger.getListeners().forEach(listeners::add);
        assertEquals(listeners.isEmpty()
                ? logger.getFallbackListener().getStatusLevel().isLessSpecificThan(Level.WARN)
                : listeners.stream().anyMatch(l -> l.getStatusLevel().isLessSpecificThan(Level.WARN)), before);
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
