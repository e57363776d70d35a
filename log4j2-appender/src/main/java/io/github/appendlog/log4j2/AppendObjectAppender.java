package io.github.appendlog.log4j2;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.config.InvalidConfigException;
import io.github.appendlog.pipeline.AppendPipeline;
import io.github.appendlog.status.PipelineStats;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.appender.AppenderLoggingException;
import org.apache.logging.log4j.core.config.AppenderControl;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;
import org.apache.logging.log4j.core.impl.LocationAware;
import org.apache.logging.log4j.core.config.plugins.util.PluginManager;
import org.apache.logging.log4j.core.config.plugins.util.PluginType;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.core.pattern.PatternConverter;

/**
 * Streams events into an OSS append object. The logging thread hands a copy of the event (formatted
 * message, context data, thread, and the location when the layout prints it; copied into a holder
 * the pipeline reuses, see {@link CopiedLogEvent}) to the shared
 * {@link AppendObjectManager}'s pipeline, whose encoder thread runs the layout ({@link LayoutEncoder})
 * and whose sender batches and appends; with {@code encodeOnCallerThread} the logging thread runs the
 * layout and hands over bytes. An event the pipeline drops goes to the optional
 * {@code <AppenderRef>} fallback, so nothing is lost silently.
 *
 * <p>{@code includeLocation} (Log4j2's own, as on its {@code AsyncAppender}): whether the caller's
 * location is taken on the logging thread. Unset, it is taken when the layout is
 * {@link LocationAware} and requires it; set it to {@code true} for a layout that prints the source
 * without saying so (Elastic's {@code EcsLayout} with {@code includeOrigin}), {@code false} to never
 * take it.
 *
 * <pre>{@code
 * <AppendObject name="OSS" endpoint="https://oss-cn-hangzhou.aliyuncs.com" bucket="my-logs"
 *               objectKey="app/%d{yyyy-MM-dd}/host-1-%i.log">
 *   <PatternLayout pattern="%d %-5level [%t] %logger - %msg%n"/>
 *   <AppenderRef ref="Console"/>
 * </AppendObject>
 * }</pre>
 */
@Plugin(name = AppendObjectAppender.PLUGIN_NAME, category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE,
        printObject = true)
public final class AppendObjectAppender extends AbstractAppender {
    static final String PLUGIN_NAME = "AppendObject";
    private static final String LOG4J2_CONVERTERS = "org.apache.logging.log4j.core.pattern.";
    /** Used when no layout is configured: one line per event, exceptions on the lines after it. */
    public static final String DEFAULT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger - %message%n";

    private final AppendObjectManager manager;
    private final AppenderRef fallbackRef;
    private final Configuration configuration;
    private final LayoutEncoder encoder;
    private final LogEventCopier copier;
    private volatile AppenderControl fallback;

    private AppendObjectAppender(String name, Filter filter, Layout<? extends Serializable> layout,
            boolean ignoreExceptions, Property[] properties, AppendObjectManager manager, AppenderRef fallbackRef,
            Configuration configuration, Boolean includeLocation) {
        super(name, filter, layout, ignoreExceptions, properties);
        this.manager = manager;
        this.fallbackRef = fallbackRef;
        this.configuration = configuration;
        this.encoder = new LayoutEncoder(layout);
        this.copier = new LogEventCopier(encoder, includeLocation != null ? includeLocation
                : layout instanceof LocationAware && ((LocationAware) layout).requiresLocation(),
                layoutMayReadArguments(layout, configuration));
    }

    /**
     * Whether the layout may read a message's arguments, which are then kept with the event for the
     * encoder thread: any layout but a {@link PatternLayout}; a {@code PatternLayout} too when a pattern
     * converter other than Log4j2's own is installed (it might). Log4j2's own converters print the
     * formatted message, never its arguments.
     */
    static boolean layoutMayReadArguments(Layout<?> layout, Configuration configuration) {
        if (!(layout instanceof PatternLayout)) {
            return true;
        }
        PluginManager converters = new PluginManager(PatternConverter.CATEGORY);
        converters.collectPlugins(configuration == null ? null : configuration.getPluginPackages());
        for (PluginType<?> converter : converters.getPlugins().values()) {
            if (!converter.getPluginClass().getName().startsWith(LOG4J2_CONVERTERS)) {
                return true;
            }
        }
        return false;
    }

    @PluginBuilderFactory
    public static Builder newBuilder() {
        return new Builder();
    }

    @Override
    public void start() {
        if (fallbackRef != null) {
            Appender target = configuration == null ? null : configuration.getAppender(fallbackRef.getRef());
            if (target == null) {
                LOGGER.error("AppendObject appender '{}': AppenderRef: no appender named '{}'; dropped events "
                        + "are only counted", getName(), fallbackRef.getRef());
            } else if (target == this) {
                LOGGER.error("AppendObject appender '{}': AppenderRef: must name another appender", getName());
            } else {
                fallback = new AppenderControl(target, fallbackRef.getLevel(), fallbackRef.getFilter());
            }
        }
        super.start();
    }

    @Override
    public void append(LogEvent event) {
        if (AppendPipeline.isPipelineThread()) {
            return; // the pipeline's own logging (e.g. its HTTP client's) must never feed the pipeline
        }
        boolean accepted;
        try {
            boolean important = event.getLevel().isMoreSpecificThan(Level.WARN);
            if (manager.dropBeforeEncoding(important)) {
                accepted = false;
            } else if (manager.encodesHereNow()) { // encodeOnCallerThread, or the hand-off is full
                accepted = manager.offerEncodedHere(event, encoder, important);
            } else {
                // A copy for the pipeline's encoder thread: Log4j2 reuses the event once this call returns.
                accepted = manager.offer(event, copier, important);
            }
        } catch (RuntimeException e) {
            String message = "AppendObject appender '" + getName() + "' could not take an event: " + e;
            error(message, event, e);
            if (!ignoreExceptions()) {
                throw e instanceof AppenderLoggingException ? (AppenderLoggingException) e
                        : new AppenderLoggingException(message, e);
            }
            return;
        }
        AppenderControl target = fallback;
        if (!accepted && target != null) {
            target.callAppender(event); // dropped by the pipeline (and counted there): keep it elsewhere
        }
    }

    @Override
    public boolean stop(long timeout, TimeUnit timeUnit) {
        setStopping();
        boolean stopped = false;
        try {
            stopped = super.stop(timeout, timeUnit, false);
            stopped &= manager.stop(timeout, timeUnit); // under Log4j2's lock: only lets the manager go
        } finally {
            try {
                stopped &= manager.stopPipelineIfReleased(); // the flush, outside that lock
            } finally {
                setStopped();
            }
        }
        return stopped;
    }

    /**
     * What this appender's pipeline has done so far (shared with the appender of a reloaded
     * configuration that kept it; the last run's once stopped). Thread-safe: an immutable snapshot.
     */
    public PipelineStats getStats() {
        return manager.pipeline().stats();
    }

    /** The manager, shared with the appender of a reloaded configuration. */
    public AppendObjectManager getManager() {
        return manager;
    }

    @Override
    public String toString() {
        return "AppendObjectAppender{name=" + getName() + ", manager=" + manager + ", fallback="
                + (fallbackRef == null ? "none" : fallbackRef.getRef()) + ", state=" + getState() + "}";
    }

    /** Every attribute is a String handed to the core builder's String setter, so XML may say {@code 4 MB}. */
    public static final class Builder extends BuilderAttributes<Builder>
            implements org.apache.logging.log4j.core.util.Builder<AppendObjectAppender> {

        @PluginBuilderAttribute
        private String includeLocation;

        /** {@code true} or {@code false}; unset, the location is taken when the layout asks for it. */
        public Builder setIncludeLocation(String includeLocation) {
            this.includeLocation = includeLocation;
            return this;
        }

        /** @return the appender, or null (each problem reported to StatusLogger) so the rest of the configuration carries on */
        @Override
        public AppendObjectAppender build() {
            String name = getName();
            String location = includeLocation == null ? "" : includeLocation.trim();
            boolean badLocation = !location.isEmpty() && !location.equalsIgnoreCase("true")
                    && !location.equalsIgnoreCase("false");
            if (badLocation) {
                LOGGER.error("AppendObject appender '{}': includeLocation: '{}' is not true or false", name,
                        includeLocation);
            }
            AppendlogConfig config;
            try {
                config = toConfig().build();
            } catch (InvalidConfigException e) {
                for (String problem : e.problems()) {
                    LOGGER.error("AppendObject appender '{}': {}", name, problem);
                }
                return null;
            }
            if (badLocation) {
                return null;
            }
            for (String note : config.notes()) {
                LOGGER.info("AppendObject appender '{}': {}", name, note);
            }
            Layout<? extends Serializable> layout = getLayout();
            if (layout == null) {
                layout = PatternLayout.newBuilder().withConfiguration(getConfiguration()).withPattern(DEFAULT_PATTERN)
                        .withCharset(StandardCharsets.UTF_8).build();
            }
            AppendObjectManager manager;
            try {
                manager = AppendObjectManager.getManager(config,
                        getConfiguration() == null ? null : getConfiguration().getLoggerContext());
            } catch (RuntimeException | LinkageError e) {
                // LinkageError: e.g. the drop-in jar without slf4j-api on the application's class path
                LOGGER.error("AppendObject appender '{}': could not start: {}", name, String.valueOf(e), e);
                return null;
            }
            return new AppendObjectAppender(name, getFilter(), layout, isIgnoreExceptions(), getPropertyArray(),
                    manager, getFallback(), getConfiguration(),
                    location.isEmpty() ? null : Boolean.valueOf(location.toLowerCase(java.util.Locale.ROOT)));
        }
    }
}
