package io.github.appendlog.status;

/**
 * The JMX view of one started appender, registered in the platform MBean server as
 * {@code io.github.appendlog:type=AppendObjectAppender,name=<appender name>,framework=logback|log4j2}
 * ({@link AppenderMBean}). Every attribute is read from a fresh {@link PipelineStats} snapshot, so
 * the MBean counts nothing itself. Times are ISO-8601 instants (UTC) or null.
 */
public interface AppendObjectAppenderMXBean {

    /** The appender's name. */
    String getName();

    /** {@code logback} or {@code log4j2}. */
    String getFramework();

    /** {@link PipelineStats#offered()}. */
    long getEventsHandedOver();

    /** {@link PipelineStats#appendedEvents()}. */
    long getEventsAppended();

    /** {@link PipelineStats#droppedBufferFull()}. */
    long getEventsDroppedBufferFull();

    /** {@link PipelineStats#droppedBelowWarn()}. */
    long getEventsDroppedBelowWarn();

    /** {@link PipelineStats#refusedAfterStop()}. */
    long getEventsDroppedAfterStop();

    /** {@link PipelineStats#encodeFailures()}. */
    long getEventsDroppedEncodeFailure();

    /** {@link PipelineStats#truncated()}. */
    long getEventsTruncated();

    /** {@link PipelineStats#unflushedAtStop()}. */
    long getEventsUnsentAtStop();

    /** {@link PipelineStats#bytesSent()}. */
    long getBytesSent();

    /** {@link PipelineStats#batchesSent()}. */
    long getBatchesSent();

    /** {@link PipelineStats#failedAppends()}. */
    long getFailedAppends();

    /** {@link PipelineStats#retries()}. */
    long getRetries();

    /** {@link PipelineStats#bufferedBytes()}. */
    long getBufferedBytes();

    /** {@link PipelineStats#oldestUnsentAgeMillis()}. */
    long getOldestUnsentAgeMillis();

    /** {@link PipelineStats#journalledEvents()}. */
    long getEventsJournalled();

    /** {@link PipelineStats#droppedJournalFull()}. */
    long getEventsDroppedJournalFull();

    /** {@link PipelineStats#journalLost()}. */
    long getEventsLostFromJournal();

    /** {@link PipelineStats#journalBytes()}. */
    long getJournalBytes();

    /** {@link PipelineStats#journalBacklogBytes()}. */
    long getJournalBacklogBytes();

    /** {@link PipelineStats#objectKey()}. */
    String getObjectKey();

    /** {@link PipelineStats#objectPosition()}. */
    long getObjectPosition();

    /** {@link PipelineStats#lastErrorTime()}. */
    String getLastErrorTime();

    /** {@link PipelineStats#lastError()}. */
    String getLastError();

    /** {@link PipelineStats#lastSuccessTime()}. */
    String getLastSuccessTime();
}
