package io.github.appendlog.benchmarks.percall;

import io.github.appendlog.benchmarks.LogLine;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.impl.MutableLogEvent;
import org.apache.logging.log4j.core.layout.ByteBufferDestination;
import org.apache.logging.log4j.core.layout.ByteBufferDestinationHelper;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Profiling aid, not part of run.sh: two ways a Log4j2 adapter can turn an event into the bytes it
 * hands over. {@code toByteArray} (StringBuilder, String, then byte[]) against {@code encode} into a
 * reused per-thread buffer plus one exact copy (the garbage-free path the file appenders use); and
 * {@code memento}, the copy the logging thread makes instead when the encoder thread encodes.
 * Run with {@code -prof gc} to see the bytes allocated per event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Log4j2EncodeBenchmark {
    private PatternLayout layout;
    private LogEvent event;
    /** The event as the garbage-free path hands it to appenders: a reused, mutable event. */
    private MutableLogEvent mutable;

    @Setup
    public void setUp() {
        layout = PatternLayout.newBuilder().withPattern(LogLine.PATTERN).build();
        SortedArrayStringMap mdc = new SortedArrayStringMap();
        mdc.putValue(LogLine.MDC_REQUEST_KEY, LogLine.MDC_REQUEST_VALUE);
        mdc.putValue(LogLine.MDC_USER_KEY, LogLine.MDC_USER_VALUE);
        event = Log4jLogEvent.newBuilder()
                .setLoggerName(LogLine.LOGGER_NAME)
                .setLevel(Level.INFO)
                .setMessage(new ParameterizedMessage(LogLine.TEMPLATE, LogLine.ARGUMENT))
                .setContextData(mdc)
                .setTimeMillis(System.currentTimeMillis())
                .build();
        mutable = new MutableLogEvent();
        mutable.initFrom(event);
        mutable.setIncludeLocation(true); // as a synchronous logger's events come
    }

    /**
     * What appendlog's logging thread does instead of encoding (the default, encoding on the encoder
     * thread): an immutable copy of the mutable event, without its location.
     */
    @Benchmark
    public LogEvent memento() {
        return Log4jLogEvent.createMemento(mutable, false);
    }

    /** A reusable destination: one heap buffer per thread. */
    @State(Scope.Thread)
    public static class Destination implements ByteBufferDestination {
        private ByteBuffer buffer = ByteBuffer.allocate(8 * 1024);

        @Override
        public ByteBuffer getByteBuffer() {
            return buffer;
        }

        @Override
        public ByteBuffer drain(ByteBuffer buf) {
            ByteBuffer bigger = ByteBuffer.allocate(buf.capacity() * 2);
            buf.flip();
            bigger.put(buf);
            buffer = bigger;
            return bigger;
        }

        @Override
        public void writeBytes(ByteBuffer data) {
            ByteBufferDestinationHelper.writeToUnsynchronized(data, this);
        }

        @Override
        public void writeBytes(byte[] data, int offset, int length) {
            ByteBufferDestinationHelper.writeToUnsynchronized(data, offset, length, this);
        }
    }

    @Benchmark
    public byte[] toByteArray() {
        return layout.toByteArray(event);
    }

    @Benchmark
    public byte[] encodeThenCopy(Destination destination) {
        ByteBuffer buffer = destination.getByteBuffer();
        buffer.clear();
        layout.encode(event, destination);
        ByteBuffer filled = destination.getByteBuffer();
        return Arrays.copyOf(filled.array(), filled.position());
    }
}
