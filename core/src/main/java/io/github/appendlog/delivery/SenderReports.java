package io.github.appendlog.delivery;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.status.EventLedger;
import io.github.appendlog.status.StatusReporter;

/**
 * What the sender reports besides failed appends, each at most once per
 * {@code dropReportInterval}: drops, events that could not be encoded, truncations, and faults of
 * the sender loop itself (the first at once, then a count of the ones since). A report's state is
 * updated before the reporter is called, so a reporter that throws loses that report only, never
 * the counting. Sender thread only.
 */
final class SenderReports {
    private final AppendlogConfig config;
    private final StatusReporter status;
    private final String prefix;
    private final EventLedger ledger;
    private final long intervalNanos;
    private long lastDropReportNanos;
    private long reportedTruncated;
    private long reportedEncodeFailures;
    /** Drops of each cause as of the last drop report: buffer (full or below WARN), journal full, lost from the journal. */
    private long seenBufferDrops;
    private long seenJournalFull;
    private long seenJournalLost;
    private long faultsUnreported;
    private long lastFaultReportNanos;
    private boolean faultReported;

    SenderReports(AppendlogConfig config, StatusReporter status, String prefix, EventLedger ledger) {
        this.config = config;
        this.status = status;
        this.prefix = prefix;
        this.ledger = ledger;
        this.intervalNanos = config.dropReportInterval().toNanos();
        this.lastDropReportNanos = System.nanoTime() - intervalNanos;
    }

    /** Why events were dropped since the last drop report, naming the settings that bound them. */
    private String causes() {
        long buffer = ledger.bufferFull() + ledger.belowWarn();
        long full = ledger.journalFull();
        long lost = ledger.journalLost();
        StringBuilder why = new StringBuilder();
        if (buffer != seenBufferDrops) {
            why.append("the buffer (maxBufferBytes ").append(config.maxBufferBytes())
                    .append(") was full or above discardThreshold ").append(config.discardThreshold()).append('%');
        }
        if (full != seenJournalFull) {
            why.append(why.length() == 0 ? "" : "; ").append("the journal reached maxJournalBytes ")
                    .append(config.maxJournalBytes()).append(" (journalOverflowPolicy ")
                    .append(config.journalOverflowPolicy()).append(')');
        }
        if (lost != seenJournalLost) {
            why.append(why.length() == 0 ? "" : "; ").append("journalled events were lost (see the journal's warnings)");
        }
        seenBufferDrops = buffer;
        seenJournalFull = full;
        seenJournalLost = lost;
        return why.toString();
    }

    /** Reports drops, encoding failures and truncations since the last report, if the interval passed. */
    void dropsIfDue(long now) {
        if (now - lastDropReportNanos < intervalNanos) {
            return;
        }
        String dropped = ledger.takeDropReport();
        if (dropped != null) {
            lastDropReportNanos = now;
            status.warn(prefix + dropped + "; " + causes(), null);
        }
        long failed = ledger.encodeFailures();
        if (failed != reportedEncodeFailures) {
            Throwable e = ledger.lastEncodeFailure();
            long newly = failed - reportedEncodeFailures;
            reportedEncodeFailures = failed;
            lastDropReportNanos = now;
            status.warn(prefix + newly + " events could not be encoded and were dropped: " + e, e);
        }
        long cut = ledger.truncatedEvents();
        if (cut != reportedTruncated) {
            long newly = cut - reportedTruncated;
            reportedTruncated = cut;
            lastDropReportNanos = now;
            status.warn(prefix + "truncated " + newly + " events longer than maxEventBytes " + config.maxEventBytes(),
                    null);
        }
    }

    /** Whatever is left to report, now (the sender ends). */
    void dropsNow() {
        dropsIfDue(System.nanoTime() + intervalNanos);
    }

    /** A fault of the sender loop: the first is reported at once, the next ones once per interval. */
    void fault(Throwable e, long now) {
        faultsUnreported++;
        if (faultReported && now - lastFaultReportNanos < intervalNanos) {
            return;
        }
        long count = faultsUnreported;
        faultReported = true;
        faultsUnreported = 0;
        lastFaultReportNanos = now;
        status.error(prefix + "the sender met an unexpected error (" + count
                + " since the last report) and goes on after a pause: " + e, e);
    }
}
