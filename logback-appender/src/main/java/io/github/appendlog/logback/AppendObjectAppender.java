package io.github.appendlog.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.config.InvalidConfigException;
import io.github.appendlog.pipeline.AppendPipeline;
import io.github.appendlog.pipeline.EventEncoder;
import io.github.appendlog.status.AppenderMBean;
import io.github.appendlog.status.MicrometerSwitch;
import io.github.appendlog.status.PipelineStats;
import io.github.appendlog.status.StatusReporter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Streams Logback events into an OSS append object. Each event is prepared for deferred processing on
 * the logging thread (formatted message, thread name, MDC; caller data when the encoder prints it;
 * the argument array and key-value pairs copied, see {@link PreparedEvent})
 * and handed to core's {@link AppendPipeline}, whose encoder thread runs the configured
 * {@link Encoder} and whose sender thread batches and appends; with {@code encodeOnCallerThread} the
 * logging thread runs the encoder and hands over bytes. Events the pipeline drops go to the fallback appenders
 * ({@code <appender-ref>} inside this appender), if any.
 *
 * <p>Extends {@link ch.qos.logback.core.UnsynchronizedAppenderBase} (through {@link AppenderSettings},
 * which holds the XML settings): the encoder and the pipeline are thread-safe, so
 * logging threads need no appender-wide lock and never wait for each other here.
 *
 * <p>The XML settings are core's {@link io.github.appendlog.config.Setting}s, each with a
 * {@code set<Name>(String)} here; sizes and durations are text such as {@code 4 MB} or
 * {@code 30 seconds}. {@code encoder} and {@code includeCallerData} are Logback's only.
 * {@link #start()} reports every problem at once, each naming the setting, and leaves the appender
 * stopped. Once started, its WARN and ERROR statuses reach {@code System.err} even when no status
 * listener is configured ({@link ConsoleStatusPrinter}). A minimal
 * {@code logback.xml} (the key pair may also come from {@code OSS_ACCESS_KEY_ID} and
 * {@code OSS_ACCESS_KEY_SECRET} in the environment):
 * <pre>{@code
 * <appender name="OSS" class="io.github.appendlog.logback.AppendObjectAppender">
 *   <endpoint>https://oss-cn-hangzhou.aliyuncs.com</endpoint>
 *   <bucket>my-logs</bucket>
 *   <objectKey>logs/app/%d{yyyy-MM-dd}/host-1-%i.log</objectKey>
 *   <encoder><pattern>%d %-5level [%thread] %logger - %msg%n</pattern></encoder>
 *   <appender-ref ref="FILE"/>  <!-- optional: receives the events the appender drops -->
 * </appender>
 * }</pre>
 *
 * <p>The encoder runs one event at a time, under the pipeline's lock (on the encoder thread, or on a
 * logging thread that helps it when it falls behind); with {@code encodeOnCallerThread} it runs on
 * the logging threads concurrently and must be thread-safe, as Logback's own are. An encoder
 * without a charset is set to UTF-8. Its header and footer are not written.
 *
 * <p>While started, the appender's {@link #getStats()} snapshot is also its JMX MBean
 * {@code io.github.appendlog:type=AppendObjectAppender,name=<name>,framework=logback}, and, with
 * {@code metrics=true}, its Micrometer meters; both are removed at stop.
 */
public class AppendObjectAppender extends AppenderSettings implements AppenderAttachable<ILoggingEvent> {

    private final AppenderAttachableImpl<ILoggingEvent> fallback = new AppenderAttachableImpl<>();
    private Encoder<ILoggingEvent> encoder;
    private final EventEncoder<ILoggingEvent> bytesOf = event -> ByteBuffer.wrap(encoder.encode(event));
    private Boolean includeCallerData;
    private boolean callerData;
    private boolean mdcAdapter;
    private volatile AppendPipeline pipeline;
    private AppenderMBean mbean;
    private AutoCloseable meters;

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (encoder == null) {
            problems.add("encoder: is required (e.g. <encoder><pattern>%d %level %logger - %msg%n</pattern></encoder>)");
        }
        AppendlogConfig config = null;
        try {
            config = settings().name(getName()).build();
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            for (String problem : problems) {
                addError(describe() + " setting " + problem);
            }
            addError(describe() + " stays stopped: " + problems.size() + " setting(s) to fix");
            return;
        }
        for (String note : config.notes()) {
            addInfo(describe() + " setting " + note);
        }
        useUtf8IfNoCharset();
        callerData = includeCallerData != null ? includeCallerData : DeferredEvents.needsCallerData(encoder);
        mdcAdapter = !(getContext() instanceof LoggerContext) || ((LoggerContext) getContext()).getMDCAdapter() != null;
        StatusReporter reporter = new ContextStatusReporter(this);
        AppendPipeline started;
        ConsoleStatusPrinter.addIfNoListener(getContext()); // before the sender can report anything
        try {
            started = AppendPipeline.start(config, reporter);
        } catch (RuntimeException e) {
            addError(describe() + " could not start; it stays stopped", e);
            return;
        }
        pipeline = started;
        mbean = AppenderMBean.register(getName(), "logback", started::stats, reporter);
        meters = MicrometerSwitch.bind(config.metrics(), getName(), "logback",
                "io.github.appendlog.logback.MicrometerMeters", started::stats, reporter);
        addInfo(describe() + " appends to " + config.endpoint() + " bucket " + config.bucket() + " key "
                + config.objectKey());
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (AppendPipeline.isPipelineThread()) {
            return; // the store client's own logging: never log into ourselves
        }
        AppendPipeline target = pipeline;
        boolean important = event.getLevel().isGreaterOrEqual(Level.WARN);
        if (target.dropBeforeEncoding(important)) {
            fallback.appendLoopOnAppenders(event);
            return;
        }
        boolean accepted;
        if (target.encodesHereNow()) { // encodeOnCallerThread, or the hand-off is full: encoded now, as is
            accepted = target.offerEncodedHere(event, bytesOf, important);
        } else { // encoded later, on the encoder thread
            accepted = target.offer(DeferredEvents.prepare(event, mdcAdapter, callerData), bytesOf, important,
                    DeferredEvents.sizeHint(event));
        }
        if (!accepted) {
            fallback.appendLoopOnAppenders(event);
        }
    }

    /**
     * Flushes within {@code shutdownTimeout}; the pipeline reports what it could not flush. Always
     * completes (so does the {@code LoggerContext.reset()} that calls it): the pipeline closes its
     * buffer and client whatever fails, and the fallback appenders are detached in a finally.
     */
    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        try {
            AppendPipeline target = pipeline;
            if (target != null && !target.stop()) {
                warnQuietly(describe() + " stopped before every event reached the store");
            }
        } finally {
            try {
                unregisterViews();
            } finally {
                fallback.detachAndStopAllAppenders();
            }
        }
    }

    /**
     * What this appender has done so far (the last run's, once stopped), counted by its pipeline;
     * every count 0 before it ever started. Thread-safe: an immutable snapshot.
     */
    public PipelineStats getStats() {
        AppendPipeline target = pipeline;
        return target == null ? PipelineStats.none() : target.stats();
    }

    /** Removes the MBean and the meters; what they throw must not keep a stop from completing. */
    private void unregisterViews() {
        try {
            if (mbean != null) {
                mbean.unregister();
                mbean = null;
            }
            if (meters != null) {
                meters.close();
                meters = null;
            }
        } catch (Throwable e) {
            warnQuietly(describe() + " could not remove its JMX MBean or meters: " + e);
        }
    }

    /** A status listener that throws must not keep a stop (and the reset calling it) from completing. */
    private void warnQuietly(String message) {
        try {
            addWarn(message);
        } catch (Throwable ignored) {
            // The stop itself is done; only this report is lost.
        }
    }

    private void useUtf8IfNoCharset() {
        if (encoder instanceof LayoutWrappingEncoder) {
            LayoutWrappingEncoder<ILoggingEvent> wrapping = (LayoutWrappingEncoder<ILoggingEvent>) encoder;
            if (wrapping.getCharset() == null) {
                wrapping.setCharset(StandardCharsets.UTF_8);
            }
        }
    }

    private String describe() {
        return "appendlog appender [" + getName() + "]";
    }

    /**
     * Whether the caller's class, method, file and line are taken on the logging thread before the
     * event is handed to the encoder thread (costly: a stack walk per event). By default, taken only
     * when the encoder's pattern shows them ({@code %caller %class %method %file %line} and their
     * short forms) or the encoder (or its layout) has an {@code isIncludeCallerData()} that returns
     * true, as logstash-logback-encoder's {@code <includeCallerData>true</includeCallerData>}. Not
     * needed with {@code encodeOnCallerThread}.
     */
    public void setIncludeCallerData(boolean includeCallerData) {
        this.includeCallerData = includeCallerData;
    }

    public Encoder<ILoggingEvent> getEncoder() {
        return encoder;
    }

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    // --- fallback appenders: receive the events the pipeline drops ---

    @Override
    public void addAppender(Appender<ILoggingEvent> appender) {
        addInfo(describe() + " sends dropped events to appender [" + appender.getName() + "]");
        fallback.addAppender(appender);
    }

    @Override
    public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
        return fallback.iteratorForAppenders();
    }

    @Override
    public Appender<ILoggingEvent> getAppender(String name) {
        return fallback.getAppender(name);
    }

    @Override
    public boolean isAttached(Appender<ILoggingEvent> appender) {
        return fallback.isAttached(appender);
    }

    @Override
    public void detachAndStopAllAppenders() {
        fallback.detachAndStopAllAppenders();
    }

    @Override
    public boolean detachAppender(Appender<ILoggingEvent> appender) {
        return fallback.detachAppender(appender);
    }

    @Override
    public boolean detachAppender(String name) {
        return fallback.detachAppender(name);
    }
}
