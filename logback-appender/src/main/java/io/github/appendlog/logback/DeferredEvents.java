package io.github.appendlog.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.pattern.PatternLayoutBase;
import ch.qos.logback.core.pattern.PatternLayoutEncoderBase;
import io.github.appendlog.pipeline.SizeEstimate;
import java.lang.reflect.Method;
import java.util.regex.Pattern;

/** What handing an event to the encoder thread needs: a size estimate, and whether to take caller data first. */
final class DeferredEvents {
    /** Conversion words that print caller data: %caller %class/%C %method/%M %file/%F %line/%L. */
    private static final Pattern CALLER_WORDS =
            Pattern.compile("%[-.\\d]*(caller|class|C|method|M|file|F|line|L)(?![A-Za-z])");

    private DeferredEvents() {
    }

    /**
     * Fixes on the logging thread what the encoder thread could not see: the formatted message (so
     * later changes to the arguments do not show), the thread's name, the MDC (when the context has
     * an MDC adapter: a context built by hand may have none), if asked the caller data, and the
     * argument array and key-value pairs ({@link PreparedEvent}).
     *
     * @return the event to hand to the encoder thread: {@code event}, or a {@link PreparedEvent} of it
     */
    static ILoggingEvent prepare(ILoggingEvent event, boolean withMdc, boolean withCallerData) {
        event.getFormattedMessage();
        event.getThreadName();
        if (withMdc) {
            event.getMDCPropertyMap();
        }
        if (withCallerData) {
            event.getCallerData();
        }
        return PreparedEvent.of(event);
    }

    /** The message's length plus a guess for its stack traces ({@link SizeEstimate}). */
    static int sizeHint(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        IThrowableProxy proxy = event.getThrowableProxy();
        Throwable thrown = proxy instanceof ThrowableProxy ? ((ThrowableProxy) proxy).getThrowable() : null;
        return SizeEstimate.of(message == null ? 0 : message.length(), thrown);
    }

    /**
     * Whether the encoder prints caller data, which only the logging thread can take: its pattern
     * shows it, or it has an {@code isIncludeCallerData()} that returns true (as logstash-logback-encoder's
     * encoders and layouts with {@code <includeCallerData>true</includeCallerData>}).
     */
    static boolean needsCallerData(Encoder<ILoggingEvent> encoder) {
        return asksForCallerData(encoder)
                || encoder instanceof LayoutWrappingEncoder
                        && asksForCallerData(((LayoutWrappingEncoder<ILoggingEvent>) encoder).getLayout())
                || patternShowsCallerData(encoder);
    }

    /** True if {@code component} has a public {@code boolean isIncludeCallerData()} that returns true. */
    static boolean asksForCallerData(Object component) {
        if (component == null) {
            return false;
        }
        try {
            Method getter = component.getClass().getMethod("isIncludeCallerData");
            return getter.getReturnType() == boolean.class && Boolean.TRUE.equals(getter.invoke(component));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false; // no such getter, or one that cannot be called: the pattern rule decides
        }
    }

    private static boolean patternShowsCallerData(Encoder<ILoggingEvent> encoder) {
        String pattern = null;
        if (encoder instanceof PatternLayoutEncoderBase) {
            pattern = ((PatternLayoutEncoderBase<ILoggingEvent>) encoder).getPattern();
        } else if (encoder instanceof LayoutWrappingEncoder
                && ((LayoutWrappingEncoder<ILoggingEvent>) encoder).getLayout() instanceof PatternLayoutBase) {
            pattern = ((PatternLayoutBase<ILoggingEvent>) ((LayoutWrappingEncoder<ILoggingEvent>) encoder)
                    .getLayout()).getPattern();
        }
        return pattern != null && CALLER_WORDS.matcher(pattern).find();
    }
}
