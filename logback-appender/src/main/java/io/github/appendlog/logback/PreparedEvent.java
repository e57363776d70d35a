package io.github.appendlog.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.helpers.MessageFormatter;

/**
 * A logged event as it was at the log call, for an encoder that runs later on another thread. The
 * argument array and the key-value pairs are copies taken on the logging thread: a value of an
 * immutable type (String, boxed primitives, BigInteger, BigDecimal, enum, UUID) is kept as it is;
 * any other value is replaced by its text, rendered as SLF4J renders a message argument
 * ({@code toString()}, arrays element by element), so a later change to the object does not show.
 * A logstash-logback-encoder structured argument ({@code kv(...)}, {@code value(...)}, a class
 * implementing {@code net.logstash.logback.argument.StructuredArgument}) is kept as it is, since its
 * encoder writes it as JSON fields: the value it wraps is read when the event is encoded.
 * Everything else is read from the original event, whose message, thread name, MDC and (if asked)
 * caller data were fixed by {@link DeferredEvents#prepare}. The original event, which other appenders
 * and the caller may still hold, is not changed.
 */
final class PreparedEvent implements ILoggingEvent {
    /** Whether a class implements logstash-logback-encoder's StructuredArgument, found by name (optional library). */
    private static final ClassValue<Boolean> STRUCTURED = new ClassValue<Boolean>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Class<?> i : c.getInterfaces()) {
                    if (i.getName().equals("net.logstash.logback.argument.StructuredArgument") || computeValue(i)) {
                        return true;
                    }
                }
            }
            return false;
        }
    };
    private final ILoggingEvent event;
    private final Object[] arguments;
    private final List<KeyValuePair> keyValuePairs;

    private PreparedEvent(ILoggingEvent event, Object[] arguments, List<KeyValuePair> keyValuePairs) {
        this.event = event;
        this.arguments = arguments;
        this.keyValuePairs = keyValuePairs;
    }

    /** The event itself when it has neither arguments nor key-value pairs, else a copy of both. */
    static ILoggingEvent of(ILoggingEvent event) {
        Object[] arguments = event.getArgumentArray();
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        boolean noArguments = arguments == null || arguments.length == 0;
        boolean noPairs = pairs == null || pairs.isEmpty();
        if (noArguments && noPairs) {
            return event;
        }
        Object[] fixedArguments = noArguments ? arguments : new Object[arguments.length];
        for (int i = 0; !noArguments && i < arguments.length; i++) {
            fixedArguments[i] = fixed(arguments[i]);
        }
        List<KeyValuePair> fixedPairs = pairs;
        if (!noPairs) {
            List<KeyValuePair> copy = new ArrayList<>(pairs.size());
            for (KeyValuePair pair : pairs) {
                copy.add(pair == null ? null : new KeyValuePair(pair.key, fixed(pair.value)));
            }
            fixedPairs = Collections.unmodifiableList(copy);
        }
        return new PreparedEvent(event, fixedArguments, fixedPairs);
    }

    /** The value itself if it cannot change or is a structured argument, else its text now. */
    static Object fixed(Object value) {
        if (value == null || STRUCTURED.get(value.getClass()) || value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Boolean || value instanceof Double || value instanceof Float
                || value instanceof Short || value instanceof Byte || value instanceof Character
                || value instanceof BigInteger || value instanceof BigDecimal || value instanceof Enum
                || value instanceof UUID) {
            return value;
        }
        return MessageFormatter.basicArrayFormat("{}", new Object[] {value});
    }

    @Override
    public Object[] getArgumentArray() {
        return arguments;
    }

    @Override
    public List<KeyValuePair> getKeyValuePairs() {
        return keyValuePairs;
    }

    @Override
    public String getThreadName() {
        return event.getThreadName();
    }

    @Override
    public Level getLevel() {
        return event.getLevel();
    }

    @Override
    public String getMessage() {
        return event.getMessage();
    }

    @Override
    public String getFormattedMessage() {
        return event.getFormattedMessage();
    }

    @Override
    public String getLoggerName() {
        return event.getLoggerName();
    }

    @Override
    public LoggerContextVO getLoggerContextVO() {
        return event.getLoggerContextVO();
    }

    @Override
    public IThrowableProxy getThrowableProxy() {
        return event.getThrowableProxy();
    }

    @Override
    public StackTraceElement[] getCallerData() {
        return event.getCallerData();
    }

    @Override
    public boolean hasCallerData() {
        return event.hasCallerData();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Marker getMarker() {
        return event.getMarker();
    }

    @Override
    public List<Marker> getMarkerList() {
        return event.getMarkerList();
    }

    @Override
    public Map<String, String> getMDCPropertyMap() {
        return event.getMDCPropertyMap();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Map<String, String> getMdc() {
        return event.getMdc();
    }

    @Override
    public long getTimeStamp() {
        return event.getTimeStamp();
    }

    @Override
    public int getNanoseconds() {
        return event.getNanoseconds();
    }

    @Override
    public Instant getInstant() {
        return event.getInstant();
    }

    @Override
    public long getSequenceNumber() {
        return event.getSequenceNumber();
    }

    @Override
    public void prepareForDeferredProcessing() {
        event.prepareForDeferredProcessing();
    }

    @Override
    public String toString() {
        return event.toString();
    }
}
