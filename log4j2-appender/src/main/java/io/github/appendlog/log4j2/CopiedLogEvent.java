package io.github.appendlog.log4j2;

import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.async.InternalAsyncUtil;
import org.apache.logging.log4j.core.impl.ContextDataFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.impl.MutableLogEvent;
import org.apache.logging.log4j.core.impl.ThrowableProxy;
import org.apache.logging.log4j.core.time.Instant;
import org.apache.logging.log4j.core.time.MutableInstant;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ParameterConsumer;
import org.apache.logging.log4j.message.ParameterVisitable;
import org.apache.logging.log4j.message.ReusableMessage;
import org.apache.logging.log4j.message.ReusableParameterizedMessage;
import org.apache.logging.log4j.message.ReusableSimpleMessage;
import org.apache.logging.log4j.util.IndexedReadOnlyStringMap;
import org.apache.logging.log4j.util.ReadOnlyStringMap;
import org.apache.logging.log4j.util.StringMap;

/**
 * A reusable copy of an event, made on the logging thread and encoded by the pipeline's encoder
 * thread: the holder the pipeline keeps in each hand-off slot ({@link LogEventCopier}). Copying
 * allocates nothing once the holder's storage has grown to the events' size: the message text is
 * formatted into the holder's own {@link StringBuilder} (so arguments that change after the call do
 * not change the line), the context data is copied into its own map, the instant into its own
 * {@link MutableInstant}. Messages that are not plain text (a map or object message, say) are kept as
 * Log4j2's own asynchronous appender keeps them: an immutable memento. The message's arguments are
 * kept only for a layout that may read them ({@code keepParameters}).
 *
 * <p>Holders live long, so the collector soon counts them as old: every reference written into one
 * marks a card that the collector's refinement threads must then scan, and with thousands of
 * holders taking turns, each write marks a card not marked yet. Under a saturating load that woke a
 * refinement thread about 500 times a second, and on a small machine it took the logging thread's
 * core each time. So a copy writes a reference field only when its value changes (the logger, level,
 * thread, context map are mostly those of the event before), and {@link #clear} forgets only what is
 * the application's (arguments, marker, exception, a message object): the framework's own references
 * stay until the next copy replaces them.
 */
final class CopiedLogEvent implements LogEvent {
    private static final long serialVersionUID = 1L;
    /** Context maps up to this size are compared with the holder's before they are copied. */
    private static final int COMPARED_ENTRIES = 16;
    private static final ParameterConsumer<CopiedText> COPY_PARAMETER = (parameter, index, text) -> text.setParameter(index, parameter);

    private final MutableInstant instant = new MutableInstant();
    /** A copy of the event's context data (the event's own map may be reused, or a new one each time). */
    private final StringMap contextData = ContextDataFactory.createContextData();
    private final CopiedText text;
    private String loggerFqcn;
    private String loggerName;
    private Level level;
    private Marker marker;
    /** {@link #text}, or the event's own message when it is not plain text. */
    private Message message;
    private Throwable thrown;
    private ThreadContext.ContextStack contextStack;
    private String threadName;
    private long threadId;
    private int threadPriority;
    private StackTraceElement source;
    private boolean includeLocation;
    private boolean endOfBatch;
    private long nanoTime;

    /** @param keepParameters whether the message's arguments are kept for the layout (it may read them) */
    CopiedLogEvent(boolean keepParameters) {
        this.text = new CopiedText(keepParameters);
    }

    /**
     * Copies the event; its location only when {@code withLocation} (the layout prints it) and the
     * logger computes it.
     *
     * @return the length of the message's text, or -1 when the message is kept as an object
     */
    int copy(LogEvent event, boolean withLocation) {
        // A field is written only when its value changes (see the class comment).
        String fqcn = event.getLoggerFqcn();
        if (fqcn != loggerFqcn) {
            loggerFqcn = fqcn;
        }
        String name = event.getLoggerName();
        if (name != loggerName) {
            loggerName = name;
        }
        Level eventLevel = event.getLevel();
        if (eventLevel != level) {
            level = eventLevel;
        }
        Marker eventMarker = event.getMarker();
        if (eventMarker != marker) {
            marker = eventMarker;
        }
        Throwable eventThrown = event.getThrown();
        if (eventThrown != thrown) {
            thrown = eventThrown;
        }
        instant.initFrom(event.getInstant());
        ReadOnlyStringMap data = event.getContextData();
        if (!sameEntries(data)) {
            contextData.clear();
            if (data != null) {
                contextData.putAll(data);
            }
        }
        ThreadContext.ContextStack stack = event.getContextStack();
        if (stack != contextStack) {
            contextStack = stack;
        }
        String thread = event.getThreadName();
        if (thread != threadName) {
            threadName = thread;
        }
        threadId = event.getThreadId();
        threadPriority = event.getThreadPriority();
        includeLocation = withLocation && event.isIncludeLocation();
        StackTraceElement location = includeLocation ? event.getSource() : null;
        if (location != source) {
            source = location;
        }
        endOfBatch = event.isEndOfBatch();
        nanoTime = event.getNanoTime();
        return copyMessage(event.getMessage());
    }

    /**
     * Whether the holder's map has the very keys and values of {@code data} (compared by identity,
     * for maps of up to {@value #COMPARED_ENTRIES} entries): then it is not written again.
     */
    private boolean sameEntries(ReadOnlyStringMap data) {
        int size = data == null ? 0 : data.size();
        if (contextData.size() != size) {
            return false;
        }
        if (size == 0) {
            return true;
        }
        if (size > COMPARED_ENTRIES || !(contextData instanceof IndexedReadOnlyStringMap)) {
            return false;
        }
        IndexedReadOnlyStringMap own = (IndexedReadOnlyStringMap) contextData;
        for (int i = 0; i < size; i++) {
            if (data.getValue(own.getKeyAt(i)) != own.getValueAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int copyMessage(Message original) {
        if (original instanceof ReusableParameterizedMessage || original instanceof ReusableSimpleMessage
                || original instanceof MutableLogEvent) {
            // Plain text in a message Log4j2 reuses after the call: the text, pattern and arguments.
            ReusableMessage reusable = (ReusableMessage) original;
            reusable.formatTo(text.chars);
            text.setFormat(original.getFormat());
            text.setThrowable(original.getThrowable());
            if (text.keepParameters) {
                ((ParameterVisitable) original).forEachParameter(COPY_PARAMETER, text);
            }
            if (message != text) {
                message = text;
            }
            return text.chars.length();
        }
        message = original instanceof ReusableMessage ? ((ReusableMessage) original).memento()
                : InternalAsyncUtil.makeMessageImmutable(original);
        return -1;
    }

    /**
     * Forgets what the copy referred to of the application's (the arguments, the marker, a thrown
     * exception, a message object), keeping the storage (trimmed after an unusually long message) and
     * the framework's own references (names, level, context map and stack) for the next copy.
     */
    void clear() {
        marker = null;
        thrown = null;
        source = null;
        if (message != text) {
            message = null;
        }
        text.clear();
    }

    @Override
    public LogEvent toImmutable() {
        LogEvent memento = Log4jLogEvent.createMemento(this);
        // Log4j2 before 2.25 keeps a reusable message and the context map as they are: clearing
        // this holder for its next event would empty them under the "immutable" event.
        boolean textShared = memento.getMessage() == text;
        boolean contextShared = memento.getContextData() == contextData;
        if (!textShared && !contextShared) {
            return memento;
        }
        Log4jLogEvent.Builder kept = new Log4jLogEvent.Builder(memento);
        if (textShared) {
            kept.setMessage(text.memento());
        }
        if (contextShared) {
            StringMap copy = ContextDataFactory.createContextData();
            copy.putAll(contextData);
            copy.freeze();
            kept.setContextData(copy);
        }
        return kept.build();
    }

    @Override
    @Deprecated
    public Map<String, String> getContextMap() {
        return contextData.toMap();
    }

    @Override
    public ReadOnlyStringMap getContextData() {
        return contextData;
    }

    @Override
    public ThreadContext.ContextStack getContextStack() {
        return contextStack;
    }

    @Override
    public String getLoggerFqcn() {
        return loggerFqcn;
    }

    @Override
    public Level getLevel() {
        return level;
    }

    @Override
    public String getLoggerName() {
        return loggerName;
    }

    @Override
    public Marker getMarker() {
        return marker;
    }

    @Override
    public Message getMessage() {
        return message;
    }

    @Override
    public long getTimeMillis() {
        return instant.getEpochMillisecond();
    }

    @Override
    public Instant getInstant() {
        return instant;
    }

    @Override
    public StackTraceElement getSource() {
        return source;
    }

    @Override
    public String getThreadName() {
        return threadName;
    }

    @Override
    public long getThreadId() {
        return threadId;
    }

    @Override
    public int getThreadPriority() {
        return threadPriority;
    }

    @Override
    public Throwable getThrown() {
        return thrown;
    }

    @Override
    public ThrowableProxy getThrownProxy() {
        return thrown == null ? null : new ThrowableProxy(thrown);
    }

    @Override
    public boolean isEndOfBatch() {
        return endOfBatch;
    }

    @Override
    public boolean isIncludeLocation() {
        return includeLocation;
    }

    @Override
    public void setEndOfBatch(boolean endOfBatch) {
        this.endOfBatch = endOfBatch;
    }

    @Override
    public void setIncludeLocation(boolean locationRequired) {
        this.includeLocation = locationRequired; // the location was taken (or not) when the event was copied
    }

    @Override
    public long getNanoTime() {
        return nanoTime;
    }

    /** Serialized as Log4j2 serializes its own events: an immutable proxy (a holder is reused). */
    protected Object writeReplace() {
        return Log4jLogEvent.serialize(this, includeLocation);
    }

    @Override
    public String toString() {
        return "CopiedLogEvent{" + loggerName + " " + level + " " + (message == null ? "" : message.getFormattedMessage()) + "}";
    }
}
