package io.github.appendlog.log4j2;

import io.github.appendlog.benchmarks.LogLine;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.impl.MutableLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ReusableParameterizedMessage;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Profiling aid, not part of run.sh: what the Log4j2 adapter's logging thread does with an event,
 * one way against another, on the event as Log4j2's garbage-free path hands it to appenders (a
 * reused {@link MutableLogEvent} holding the formatted text). {@code copy}: the default, the event
 * copied into a holder the pipeline reuses ({@link LogEventCopier}; the clear is the encoder thread's,
 * done here so the holder can be refilled). {@code memento}: the copy it made before
 * ({@code Log4jLogEvent.createMemento} and the text's length for the size hint). {@code encode}: the
 * layout into a reused buffer ({@link LayoutEncoder}), what a RandomAccessFile appender does and
 * what {@code encodeOnCallerThread} does before its copy into the pipeline's buffer.
 * {@code toByteArray}: the layout's allocating path. Run with {@code -prof gc} for bytes per event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Log4j2EncodeBenchmark {
    private PatternLayout layout;
    private LayoutEncoder encoder;
    private LogEventCopier copier;
    private CopiedLogEvent holder;
    private MutableLogEvent event;

    @Setup
    public void setUp() {
        layout = PatternLayout.newBuilder().withPattern(LogLine.PATTERN).build();
        encoder = new LayoutEncoder(layout);
        copier = new LogEventCopier(encoder, false, AppendObjectAppender.layoutMayReadArguments(layout, null));
        holder = copier.newHolder();
        SortedArrayStringMap mdc = new SortedArrayStringMap();
        mdc.putValue(LogLine.MDC_REQUEST_KEY, LogLine.MDC_REQUEST_VALUE);
        mdc.putValue(LogLine.MDC_USER_KEY, LogLine.MDC_USER_VALUE);
        ReusableParameterizedMessage message = new ReusableParameterizedMessage();
        message.set(LogLine.TEMPLATE, LogLine.ARGUMENT);
        event = new MutableLogEvent();
        event.initFrom(Log4jLogEvent.newBuilder()
                .setLoggerName(LogLine.LOGGER_NAME)
                .setLevel(Level.INFO)
                .setMessage(message)
                .setContextData(mdc)
                .setTimeMillis(System.currentTimeMillis())
                .build());
        event.setIncludeLocation(true); // as a synchronous logger's events come
    }

    @Benchmark
    public int copy() {
        int hint = copier.copy(event, holder);
        copier.clear(holder);
        return hint;
    }

    /** The holders the pipeline keeps, one per hand-off slot, used in turn as the ring does. */
    @State(Scope.Thread)
    public static class Holders {
        final CopiedLogEvent[] ring = new CopiedLogEvent[4096];
        int next;

        @Setup
        public void setUp() {
            for (int i = 0; i < ring.length; i++) {
                ring[i] = new CopiedLogEvent(true);
            }
        }
    }

    /** {@code copy}, into the next of 4,096 holders in turn: what the ring's rotation costs in cache misses on one core. */
    @Benchmark
    public int copyInTurn(Holders holders) {
        CopiedLogEvent next = holders.ring[holders.next++ & 4095];
        int hint = copier.copy(event, next);
        copier.clear(next);
        return hint;
    }

    @Benchmark
    public int memento() {
        LogEvent memento = Log4jLogEvent.createMemento(event, false);
        Message message = memento.getMessage();
        return message.getFormattedMessage().length();
    }

    @Benchmark
    public int encode() {
        ByteBuffer bytes = encoder.encode(event);
        return bytes.remaining();
    }

    @Benchmark
    public byte[] toByteArray() {
        return layout.toByteArray(event);
    }
}
