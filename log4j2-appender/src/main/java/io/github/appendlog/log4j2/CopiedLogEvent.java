package io.github.appendlog.log4j2;

import java.util.Arrays;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.async.InternalAsyncUtil;
import org.apache.logging.log4j.core.impl.ContextDataFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.impl.MementoMessage;
import org.apache.logging.log4j.core.impl.MutableLogEvent;
import org.apache.logging.log4j.core.impl.ThrowableProxy;
import org.apache.logging.log4j.core.time.Instant;
import org.apache.logging.log4j.core.time.MutableInstant;
import org.apache.logging.log4j.core.util.Constants;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ParameterConsumer;
import org.apache.logging.log4j.message.ParameterVisitable;
import org.apache.logging.log4j.message.ReusableMessage;
import org.apache.logging.log4j.message.ReusableParameterizedMessage;
import org.apache.logging.log4j.message.ReusableSimpleMessage;
import org.apache.logging.log4j.util.ReadOnlyStringMap;
import org.apache.logging.log4j.util.StringBuilders;
import org.apache.logging.log4j.util.StringMap;

/**
 * A reusable copy of an event, made on the logging thread and encoded by the pipeline's encoder
 * thread: the holder the pipeline keeps in each hand-off slot ({@link LogEventCopier}). Copying
 * allocates nothing once the holder's storage has grown to the events' size: the message text is
 * formatted into the holder's own {@link StringBuilder} (so arguments that change after the call do
 * not change the line), the context data is copied into its own map, the instant into its own
 * {@link MutableInstant}. Messages that are not plain text (a map or object message, say) are kept as
 * Log4j2's own asynchronous appender keeps them: an immutable memento.
 */
final class CopiedLogEvent implements LogEvent {
    private static final long serialVersionUID = 1L;
    private static final ParameterConsumer<Text> COPY_PARAMETER = (parameter, index, text) -> text.setParameter(index, parameter);

    private final MutableInstant instant = new MutableInstant();
    private final StringMap ownContextData = ContextDataFactory.createContextData();
    private final Text text = new Text();
    private String loggerFqcn;
    private String loggerName;
    private Level level;
    private Marker marker;
    /** {@link #text}, or the event's own message when it is not plain text. */
    private Message message;
    private Throwable thrown;
    private ReadOnlyStringMap contextData = ownContextData;
    private ThreadContext.ContextStack contextStack;
    private String threadName;
    private long threadId;
    private int threadPriority;
    private StackTraceElement source;
    private boolean includeLocation;
    private boolean endOfBatch;
    private long nanoTime;

    /**
     * Copies the event; its location only when {@code withLocation} (the layout prints it) and the
     * logger computes it.
     *
     * @return the length of the message's text, or -1 when the message is kept as an object
     */
    int copy(LogEvent event, boolean withLocation) {
        loggerFqcn = event.getLoggerFqcn();
        loggerName = event.getLoggerName();
        level = event.getLevel();
        marker = event.getMarker();
        thrown = event.getThrown();
        instant.initFrom(event.getInstant());
        ReadOnlyStringMap data = event.getContextData();
        if (data instanceof StringMap && ((StringMap) data).isFrozen()) {
            contextData = data; // immutable already (a copy-on-write thread context)
        } else {
            contextData = ownContextData;
            if (data != null && !data.isEmpty()) {
                ownContextData.putAll(data);
            }
        }
        contextStack = event.getContextStack();
        threadName = event.getThreadName();
        threadId = event.getThreadId();
        threadPriority = event.getThreadPriority();
        includeLocation = withLocation && event.isIncludeLocation();
        source = includeLocation ? event.getSource() : null;
        endOfBatch = event.isEndOfBatch();
        nanoTime = event.getNanoTime();
        return copyMessage(event.getMessage());
    }

    private int copyMessage(Message original) {
        if (original instanceof ReusableParameterizedMessage || original instanceof ReusableSimpleMessage
                || original instanceof MutableLogEvent) {
            // Plain text in a message Log4j2 reuses after the call: the text, pattern and arguments.
            ReusableMessage reusable = (ReusableMessage) original;
            reusable.formatTo(text.chars);
            text.format = original.getFormat();
            text.throwable = original.getThrowable();
            ((ParameterVisitable) original).forEachParameter(COPY_PARAMETER, text);
            message = text;
            return text.chars.length();
        }
        message = original instanceof ReusableMessage ? ((ReusableMessage) original).memento()
                : InternalAsyncUtil.makeMessageImmutable(original);
        return -1;
    }

    /** Forgets what the copy referred to, keeping the storage (trimmed after an unusually long message). */
    void clear() {
        loggerFqcn = null;
        loggerName = null;
        level = null;
        marker = null;
        message = null;
        thrown = null;
        contextData = ownContextData;
        ownContextData.clear();
        contextStack = null;
        threadName = null;
        source = null;
        text.clear();
    }

    @Override
    public LogEvent toImmutable() {
        LogEvent memento = Log4jLogEvent.createMemento(this);
        // Log4j2 before 2.25 keeps a reusable message and the context map as they are: clearing
        // this holder for its next event would empty them under the "immutable" event.
        boolean textShared = memento.getMessage() == text;
        boolean contextShared = memento.getContextData() == ownContextData;
        if (!textShared && !contextShared) {
            return memento;
        }
        Log4jLogEvent.Builder kept = new Log4jLogEvent.Builder(memento);
        if (textShared) {
            kept.setMessage(text.memento());
        }
        if (contextShared) {
            StringMap copy = ContextDataFactory.createContextData();
            copy.putAll(ownContextData);
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

    /**
     * The copied text of a plain message, with its pattern and arguments. Reusable, as the message it
     * was copied from was: whoever keeps it beyond the encoding takes its {@link #memento()}.
     */
    static final class Text implements ReusableMessage, ParameterVisitable {
        private static final long serialVersionUID = 1L;
        private static final Object[] NO_PARAMETERS = {};

        final StringBuilder chars = new StringBuilder(Constants.INITIAL_REUSABLE_MESSAGE_SIZE);
        String format;
        Throwable throwable;
        private Object[] parameters = NO_PARAMETERS;
        private short parameterCount;

        void setParameter(int index, Object parameter) {
            if (index >= parameters.length) {
                parameters = Arrays.copyOf(parameters, Math.max(index + 1, parameters.length * 2));
            }
            parameters[index] = parameter;
            parameterCount = (short) Math.max(parameterCount, index + 1);
        }

        void clear() {
            StringBuilders.trimToMaxSize(chars, Constants.MAX_REUSABLE_MESSAGE_SIZE); // keeps up to that many chars
            chars.setLength(0);
            format = null;
            throwable = null;
            Arrays.fill(parameters, 0, parameterCount, null);
            parameterCount = 0;
        }

        @Override
        public String getFormattedMessage() {
            return chars.toString();
        }

        @Override
        public String getFormat() {
            return format;
        }

        @Override
        public Object[] getParameters() {
            return Arrays.copyOf(parameters, parameterCount);
        }

        @Override
        public Throwable getThrowable() {
            return throwable;
        }

        @Override
        public void formatTo(StringBuilder buffer) {
            buffer.append(chars);
        }

        @Override
        public Object[] swapParameters(Object[] emptyReplacement) {
            Object[] result = parameters;
            parameters = emptyReplacement;
            return result;
        }

        @Override
        public short getParameterCount() {
            return parameterCount;
        }

        @Override
        public <S> void forEachParameter(ParameterConsumer<S> action, S state) {
            for (short i = 0; i < parameterCount; i++) {
                action.accept(parameters[i], i, state);
            }
        }

        @Override
        public Message memento() {
            return new MementoMessage(chars.toString(), format, getParameters());
        }
    }
}
