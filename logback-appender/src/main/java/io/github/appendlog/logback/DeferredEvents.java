package io.github.appendlog.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.pattern.PatternLayoutBase;
import ch.qos.logback.core.pattern.PatternLayoutEncoderBase;
import java.util.regex.Pattern;

/** What handing an event to the encoder thread needs: a size estimate, and whether to take caller data first. */
final class DeferredEvents {
    /** Conversion words that print caller data: %caller %class/%C %method/%M %file/%F %line/%L. */
    private static final Pattern CALLER_WORDS =
            Pattern.compile("%[-.\\d]*(caller|class|C|method|M|file|F|line|L)(?![A-Za-z])");
    /** A stack frame line, e.g. {@code \tat com.example.orders.OrderService.accept(OrderService.java:42)}. */
    private static final int BYTES_PER_FRAME = 80;
    private static final int MAX_CAUSES = 16;

    private DeferredEvents() {
    }

    /**
     * Fixes on the logging thread what the encoder thread could not see: the formatted message (so
     * later changes to the arguments do not show), the thread's name, the MDC (when the context has
     * an MDC adapter: a context built by hand may have none) and, if asked, the caller data.
     */
    static void prepare(ILoggingEvent event, boolean withMdc, boolean withCallerData) {
        event.getFormattedMessage();
        event.getThreadName();
        if (withMdc) {
            event.getMDCPropertyMap();
        }
        if (withCallerData) {
            event.getCallerData();
        }
    }

    /** The message's length plus a guess for its stack traces; the pipeline learns the rest. */
    static int sizeHint(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        long hint = message == null ? 0 : message.length();
        IThrowableProxy proxy = event.getThrowableProxy();
        for (int causes = 0; proxy != null && causes < MAX_CAUSES; causes++, proxy = proxy.getCause()) {
            String text = proxy.getMessage();
            hint += proxy.getClassName().length() + (text == null ? 0 : text.length())
                    + (long) proxy.getStackTraceElementProxyArray().length * BYTES_PER_FRAME;
        }
        return (int) Math.min(Integer.MAX_VALUE, hint);
    }

    /** Whether the encoder's pattern prints caller data, which only the logging thread can take. */
    static boolean needsCallerData(Encoder<ILoggingEvent> encoder) {
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
