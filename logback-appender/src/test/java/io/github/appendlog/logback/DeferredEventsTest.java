package io.github.appendlog.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import net.logstash.logback.argument.StructuredArguments;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.Test;

class DeferredEventsTest {
    private final LoggerContext context = new LoggerContext();

    private PatternLayoutEncoder encoder(String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        return encoder;
    }

    @Test
    void callerDataIsNeededOnlyForPatternsThatPrintIt() {
        for (String pattern : new String[] {"%caller %msg", "%C{0}", "%class", "%M", "%method()", "%L", "%-4line",
                "%F", "%file:%L"}) {
            assertTrue(DeferredEvents.needsCallerData(encoder(pattern)), pattern);
        }
        for (String pattern : new String[] {"%d %-5level [%thread] %logger{36} %X{user} - %msg%n", "%lo %le %m%n",
                "%Caller", "%ex"}) {
            assertFalse(DeferredEvents.needsCallerData(encoder(pattern)), pattern);
        }
    }

    @Test
    void callerDataIsNeededWhenTheEncoderAsksForItThroughIsIncludeCallerData() {
        LogstashEncoder json = new LogstashEncoder();
        assertFalse(DeferredEvents.needsCallerData(json));
        json.setIncludeCallerData(true);
        assertTrue(DeferredEvents.needsCallerData(json));
        assertFalse(DeferredEvents.asksForCallerData("a String has no such getter"));
    }

    @Test
    void structuredArgumentsAreKeptAsTheyAreOtherMutableArgumentsBecomeText() {
        ch.qos.logback.classic.Logger logger = context.getLogger("app");
        Object structured = StructuredArguments.kv("orderId", 42);
        LoggingEvent event = new LoggingEvent("fqcn", logger, Level.INFO, "{} {}", null,
                new Object[] {structured, new StringBuilder("text")});
        Object[] handed = DeferredEvents.prepare(event, false, false).getArgumentArray();
        assertSame(structured, handed[0]);
        assertEquals("text", handed[1]);
    }

    @Test
    void prepareFixesTheMessageAndThreadAndCallerAndSkipsAMissingMdcAdapter() {
        ch.qos.logback.classic.Logger logger = context.getLogger("app"); // a context with no MDC adapter
        StringBuilder argument = new StringBuilder("before");
        LoggingEvent event = new LoggingEvent("fqcn", logger, Level.INFO, "value {}", null, new Object[] {argument});
        DeferredEvents.prepare(event, false, true);
        argument.append(" and after");
        assertEquals("value before", event.getFormattedMessage());
        assertEquals(Thread.currentThread().getName(), event.getThreadName());
        assertTrue(event.hasCallerData());
    }

    @Test
    void theSizeHintIsTheMessagePlusAGuessForStackTraces() {
        ch.qos.logback.classic.Logger logger = context.getLogger("app");
        LoggingEvent plain = new LoggingEvent("fqcn", logger, Level.INFO, "order {} placed", null, new Object[] {42});
        assertEquals("order 42 placed".length(), DeferredEvents.sizeHint(plain));

        Exception thrown = new IllegalStateException("boom", new RuntimeException("cause"));
        LoggingEvent failed = new LoggingEvent("fqcn", logger, Level.ERROR, "failed", thrown, null);
        int frames = thrown.getStackTrace().length + thrown.getCause().getStackTrace().length;
        assertTrue(DeferredEvents.sizeHint(failed) >= "failed".length() + frames * 40, "hint "
                + DeferredEvents.sizeHint(failed) + " for " + frames + " frames");
    }

    @Test
    void preparedEventsKeepImmutableValuesAndTakeTheTextOfOthersLeavingTheOriginalAlone() {
        ch.qos.logback.classic.Logger logger = context.getLogger("app");
        StringBuilder mutable = new StringBuilder("before");
        int[] numbers = {1, 2};
        Object[] arguments = {mutable, 7, numbers};
        LoggingEvent event = new LoggingEvent("fqcn", logger, Level.INFO, "{} {} {}", null, arguments);
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("k", mutable));
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("n", 42L));

        ch.qos.logback.classic.spi.ILoggingEvent prepared = DeferredEvents.prepare(event, false, false);
        mutable.append(" and after");

        assertEquals(java.util.Arrays.asList("before", 7, "[1, 2]"), java.util.Arrays.asList(prepared.getArgumentArray()));
        assertEquals("[k=\"before\", n=\"42\"]", prepared.getKeyValuePairs().toString());
        assertEquals(42L, prepared.getKeyValuePairs().get(1).value, "an immutable value keeps its type");
        assertTrue(event.getArgumentArray()[0] == mutable, "the original event is not changed");
        assertTrue(event.getKeyValuePairs().get(0).value == mutable, "the original event is not changed");
        assertEquals("before 7 [1, 2]", prepared.getFormattedMessage());
    }

    @Test
    void anEventWithoutArgumentsOrPairsIsHandedAsItIs() {
        LoggingEvent event = new LoggingEvent("fqcn", context.getLogger("app"), Level.INFO, "plain", null, null);
        assertTrue(DeferredEvents.prepare(event, false, false) == event);
    }
}
