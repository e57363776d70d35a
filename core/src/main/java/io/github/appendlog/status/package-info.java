/**
 * What a pipeline tells: the {@link io.github.appendlog.status.StatusReporter} an adapter gives it
 * (Logback's {@code addWarn}/{@code addError}, Log4j2's {@code StatusLogger}; the pipeline guards it,
 * so a reporter that throws loses one message and never a pipeline thread); and the
 * {@link io.github.appendlog.status.EventLedger}, the one place every event's fate is counted, read as
 * {@link io.github.appendlog.status.PipelineStats}.
 */
package io.github.appendlog.status;
