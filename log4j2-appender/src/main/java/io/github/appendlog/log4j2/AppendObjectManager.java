package io.github.appendlog.log4j2;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.config.Setting;
import io.github.appendlog.pipeline.AppendPipeline;
import io.github.appendlog.pipeline.EventEncoder;
import io.github.appendlog.status.AppenderMBean;
import io.github.appendlog.status.MicrometerSwitch;
import io.github.appendlog.status.StatusReporter;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractManager;
import org.apache.logging.log4j.core.appender.ManagerFactory;

/**
 * Owns one {@link AppendPipeline}. Shared and reference-counted across reconfigurations: the new
 * configuration's appender takes the running pipeline over before the old one stops, so a reload
 * loses no buffered event. The pipeline stops (flushing within {@code shutdownTimeout}) when the
 * last appender using it stops, in that appender's {@code stop}, after Log4j2's manager lock is let
 * go. A manager for the same name made meanwhile (another context, same appender name and object)
 * starts a pipeline of its own: the two append to the object by turns, each resolving the other's
 * appends as position conflicts.
 *
 * <p>The pipeline's JMX MBean ({@code io.github.appendlog:type=AppendObjectAppender,name=<name>,framework=log4j2})
 * and, with {@code metrics=true}, its Micrometer meters live as long as the pipeline: a reload that
 * keeps the manager keeps them; one that starts a new manager replaces the MBean of the same name,
 * and the old manager's stop removes only its own.
 */
public final class AppendObjectManager extends AbstractManager {
    private static final Factory FACTORY = new Factory();

    private final AppendPipeline pipeline;
    private final AppendlogConfig config;
    private final StatusReporter status;
    /** Set (under Log4j2's manager lock) when the last appender using this manager let it go. */
    private volatile boolean released;
    private final AppenderMBean mbean;
    private final AutoCloseable meters;

    private AppendObjectManager(LoggerContext context, String name, AppendlogConfig config, StatusReporter status) {
        super(context, name);
        this.config = config;
        this.status = status;
        this.pipeline = AppendPipeline.start(config, status);
        this.mbean = AppenderMBean.register(config.name(), "log4j2", pipeline::stats, status);
        this.meters = MicrometerSwitch.bind(config.metrics(), config.name(), "log4j2",
                "io.github.appendlog.log4j2.MicrometerMeters", pipeline::stats, status);
    }

    /** The running manager for this appender and object, or a new one with a started pipeline. */
    static AppendObjectManager getManager(AppendlogConfig config, LoggerContext context) {
        return getManager(managerName(config), FACTORY, new FactoryData(config, context));
    }

    /** Appender name, store and object: a reload that keeps these keeps the pipeline. */
    static String managerName(AppendlogConfig config) {
        return "AppendObject[" + config.name() + "] " + config.endpoint() + "/" + config.bucket() + "/"
                + config.objectKey();
    }

    /**
     * With {@code encodeOnCallerThread}: encodes the event right here.
     *
     * @return false if the event was dropped and counted
     */
    boolean offerEncodedHere(LogEvent event, EventEncoder<LogEvent> encoder, boolean important) {
        return pipeline.offerEncodedHere(event, encoder, important);
    }

    /**
     * Hands a copy of the event to the pipeline's encoder thread.
     *
     * @return false if the event was dropped and counted
     */
    boolean offer(LogEvent event, LogEventCopier copier, boolean important) {
        return pipeline.offer(event, copier, important);
    }

    /** Whether an event offered now should be encoded on the logging thread ({@link AppendPipeline#encodesHereNow}). */
    boolean encodesHereNow() {
        return pipeline.encodesHereNow();
    }

    /** @return true if an event of this importance was dropped (and counted) before being encoded */
    boolean dropBeforeEncoding(boolean important) {
        return pipeline.dropBeforeEncoding(important);
    }

    AppendPipeline pipeline() {
        return pipeline;
    }

    AppendlogConfig config() {
        return config;
    }

    /** Called when a reconfiguration asks for this manager again, with the new settings. */
    @Override
    public void updateData(Object data) {
        AppendlogConfig next = ((FactoryData) data).config;
        if (!sameSettings(config, next)) {
            status.warn("the configuration was reloaded with changed settings; the running pipeline keeps "
                    + "its settings until the application restarts or endpoint, bucket or objectKey change");
        }
    }

    private static boolean sameSettings(AppendlogConfig a, AppendlogConfig b) {
        // toString() has every setting but the secret ones (credentialsFile, credentialsProvider and the
        // endpoints included); the credentials themselves are not fetched (STS, instance metadata).
        return a.toString().equals(b.toString())
                && Objects.equals(a.get(Setting.ACCESS_KEY_SECRET), b.get(Setting.ACCESS_KEY_SECRET))
                && Objects.equals(a.get(Setting.SECURITY_TOKEN), b.get(Setting.SECURITY_TOKEN))
                && a.connectTimeout().equals(b.connectTimeout())
                && a.requestTimeout().equals(b.requestTimeout())
                && a.maxRetries() == b.maxRetries()
                && a.retryBaseDelay().equals(b.retryBaseDelay())
                && a.retryMaxDelay().equals(b.retryMaxDelay())
                && a.dropReportInterval().equals(b.dropReportInterval())
                && Objects.equals(a.contentType(), b.contentType())
                && Objects.equals(a.trustStore(), b.trustStore());
    }

    /**
     * Runs under Log4j2's JVM-wide manager lock when the last appender using this manager stops:
     * only marks the manager released, so that no other logger context or reload waits for the
     * flush. That appender then stops the pipeline outside the lock ({@link #stopPipelineIfReleased}).
     */
    @Override
    protected boolean releaseSub(long timeout, TimeUnit timeUnit) {
        released = true;
        return true;
    }

    /**
     * After {@link #stop}, outside Log4j2's manager lock: if that released the manager, stops the
     * pipeline, which flushes within the appender's {@code shutdownTimeout} whatever timeout Log4j2's
     * shutdown passes. A manager that a reload took over keeps running.
     *
     * @return false if events could not be delivered
     */
    boolean stopPipelineIfReleased() {
        if (!released) {
            return true;
        }
        try {
            return pipeline.stop();
        } finally {
            unregisterViews();
        }
    }

    private void unregisterViews() {
        try {
            if (mbean != null) {
                mbean.unregister();
            }
            meters.close();
        } catch (Throwable e) {
            status.warn("could not remove the JMX MBean or the meters: " + e, null);
        }
    }

    @Override
    public String toString() {
        return getName();
    }

    private static final class FactoryData {
        final AppendlogConfig config;
        final LoggerContext context;

        FactoryData(AppendlogConfig config, LoggerContext context) {
            this.config = config;
            this.context = context;
        }

        @Override
        public String toString() {
            return managerName(config);
        }
    }

    private static final class Factory implements ManagerFactory<AppendObjectManager, FactoryData> {
        @Override
        public AppendObjectManager createManager(String name, FactoryData data) {
            return new AppendObjectManager(data.context, name, data.config, new StatusLoggerReporter(data.config.name()));
        }
    }
}
