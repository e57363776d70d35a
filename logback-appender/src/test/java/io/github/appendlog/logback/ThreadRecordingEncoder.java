package io.github.appendlog.logback;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A pattern encoder that notes the names of the threads it encodes on. */
public class ThreadRecordingEncoder extends PatternLayoutEncoder {
    static final Set<String> THREADS = ConcurrentHashMap.newKeySet();

    @Override
    public byte[] encode(ILoggingEvent event) {
        THREADS.add(Thread.currentThread().getName());
        return super.encode(event);
    }
}
