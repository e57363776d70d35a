package io.github.appendlog.log4j2;

import io.github.appendlog.pipeline.EventCopier;
import io.github.appendlog.pipeline.SizeEstimate;
import java.nio.ByteBuffer;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.message.Message;

/**
 * How the appender hands an event to the pipeline's encoder thread: copied into a holder the
 * pipeline reuses ({@link CopiedLogEvent}), then encoded there by the appender's layout.
 */
final class LogEventCopier implements EventCopier<LogEvent, CopiedLogEvent> {
    private final LayoutEncoder encoder;
    /** Whether the layout prints the caller's location, which only the logging thread can take. */
    private final boolean includeLocation;
    /** Whether the layout may read the message's arguments (they are kept in the holder then). */
    private final boolean keepParameters;

    LogEventCopier(LayoutEncoder encoder, boolean includeLocation, boolean keepParameters) {
        this.encoder = encoder;
        this.includeLocation = includeLocation;
        this.keepParameters = keepParameters;
    }

    @Override
    public Class<CopiedLogEvent> holderType() {
        return CopiedLogEvent.class;
    }

    @Override
    public CopiedLogEvent newHolder() {
        return new CopiedLogEvent(keepParameters);
    }

    @Override
    public int copy(LogEvent event, CopiedLogEvent holder) {
        int textLength = holder.copy(event, includeLocation);
        if (textLength < 0) {
            Message message = holder.getMessage();
            String formatted = message == null ? null : message.getFormattedMessage();
            textLength = formatted == null ? 0 : formatted.length();
        }
        return SizeEstimate.of(textLength, holder.getThrown());
    }

    @Override
    public ByteBuffer encode(CopiedLogEvent holder) {
        return encoder.encode(holder);
    }

    @Override
    public void clear(CopiedLogEvent holder) {
        holder.clear();
    }
}
