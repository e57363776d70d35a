package io.github.appendlog.log4j2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.impl.MutableLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ObjectMessage;
import org.apache.logging.log4j.message.ReusableMessage;
import org.apache.logging.log4j.message.ReusableObjectMessage;
import org.apache.logging.log4j.message.ReusableParameterizedMessage;
import org.apache.logging.log4j.message.StringMapMessage;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.junit.jupiter.api.Test;

/** The holder the logging thread copies an event into, reused event after event. */
class CopiedLogEventTest {
    private static final Marker AUDIT = MarkerManager.getMarker("AUDIT");

    /** An event as Log4j2's garbage-free path hands it to appenders: reused after the call. */
    private static MutableLogEvent reusedEvent(String pattern, Object... arguments) {
        ReusableParameterizedMessage message = new ReusableParameterizedMessage();
        message.set(pattern, arguments);
        SortedArrayStringMap mdc = new SortedArrayStringMap();
        mdc.putValue("request", "r-1");
        MutableLogEvent event = new MutableLogEvent();
        event.initFrom(Log4jLogEvent.newBuilder()
                .setLoggerName("it.copied")
                .setLoggerFqcn("it.Fqcn")
                .setLevel(Level.WARN)
                .setMarker(AUDIT)
                .setMessage(message)
                .setThrown(new IllegalStateException("boom"))
                .setContextData(mdc)
                .setThreadName("caller")
                .setThreadId(42)
                .setThreadPriority(7)
                .setInstant(instant(1_764_633_600_123L, 456_789))
                .setNanoTime(99)
                .setIncludeLocation(true)
                .setSource(new StackTraceElement("it.Caller", "call", "Caller.java", 12))
                .build());
        return event;
    }

    private static org.apache.logging.log4j.core.time.MutableInstant instant(long millis, int nanos) {
        org.apache.logging.log4j.core.time.MutableInstant instant = new org.apache.logging.log4j.core.time.MutableInstant();
        instant.initFromEpochMilli(millis, nanos);
        return instant;
    }

    @Test
    void copiesWhatALayoutReadsAndKeepsItWhenTheOriginalIsReused() {
        StringBuilder argument = new StringBuilder("before");
        MutableLogEvent original = reusedEvent("order {} placed", argument);
        CopiedLogEvent copy = new CopiedLogEvent(true);

        assertEquals("order before placed".length(), copy.copy(original, true));
        argument.setLength(0);
        argument.append("after");
        original.clear(); // Log4j2 reuses its event after the call
        ((SortedArrayStringMap) original.getContextData()).putValue("request", "r-2");

        assertEquals("order before placed", copy.getMessage().getFormattedMessage());
        assertEquals("order {} placed", copy.getMessage().getFormat());
        assertEquals(1, copy.getMessage().getParameters().length);
        assertInstanceOf(ReusableMessage.class, copy.getMessage(), "whoever keeps it takes a memento");
        assertEquals("r-1", copy.getContextData().getValue("request"));
        assertEquals(1, copy.getContextData().size());
        assertEquals("it.copied", copy.getLoggerName());
        assertEquals("it.Fqcn", copy.getLoggerFqcn());
        assertEquals(Level.WARN, copy.getLevel());
        assertSame(AUDIT, copy.getMarker());
        assertEquals("boom", copy.getThrown().getMessage());
        assertEquals("boom", copy.getThrownProxy().getMessage());
        assertEquals("caller", copy.getThreadName());
        assertEquals(42, copy.getThreadId());
        assertEquals(7, copy.getThreadPriority());
        assertEquals(1_764_633_600_123L, copy.getTimeMillis());
        assertEquals(456_789, copy.getInstant().getNanoOfMillisecond());
        assertEquals(99, copy.getNanoTime());
        assertEquals("Caller.java", copy.getSource().getFileName());
        assertTrue(copy.isIncludeLocation());
    }

    @Test
    void takesNoLocationUnlessTheLayoutPrintsIt() {
        CopiedLogEvent copy = new CopiedLogEvent(true);
        copy.copy(reusedEvent("no location"), false);
        assertNull(copy.getSource());
        assertFalse(copy.isIncludeLocation());
    }

    @Test
    void aReusedHolderKeepsNothingOfTheApplicationsFromTheEventBefore() {
        CopiedLogEvent copy = new CopiedLogEvent(true);
        copy.copy(reusedEvent("first {} {}", "a", "b"), true);
        copy.clear();
        assertEquals("", copy.getMessage().getFormattedMessage());
        assertEquals(0, copy.getMessage().getParameters().length);
        assertNull(copy.getThrown());
        assertNull(copy.getMarker());
        assertNull(copy.getSource());

        LogEvent plain = Log4jLogEvent.newBuilder().setLoggerName("it.second").setLevel(Level.INFO)
                .setMessage(new ReusableParameterizedMessage().set("second", new Object[0])).build();
        copy.copy(plain, true);
        assertEquals("second", copy.getMessage().getFormattedMessage());
        assertEquals(0, copy.getMessage().getParameters().length);
        assertEquals("it.second", copy.getLoggerName());
        assertEquals(Level.INFO, copy.getLevel());
        assertNull(copy.getMarker());
        assertNull(copy.getThrown());
        assertTrue(copy.getContextData().isEmpty());
        assertNull(copy.getSource());
    }

    /** What Log4j2 2.25 hands over with a thread context: a new frozen map at every call. */
    private static LogEvent withContext(String... keysAndValues) {
        SortedArrayStringMap context = new SortedArrayStringMap();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            context.putValue(keysAndValues[i], keysAndValues[i + 1]);
        }
        context.freeze();
        return Log4jLogEvent.newBuilder().setLoggerName("it.context").setLevel(Level.INFO).setContextData(context)
                .setMessage(new ReusableParameterizedMessage().set("m", new Object[0])).build();
    }

    @Test
    void aHolderRewritesItsContextMapOnlyWhenTheEntriesChange() {
        String request = "request";
        String r1 = "r-1";
        CopiedLogEvent copy = new CopiedLogEvent(true);
        copy.copy(withContext(request, r1, "user", "alice"), false);
        Object map = copy.getContextData();
        copy.clear();

        copy.copy(withContext(request, r1, "user", "alice"), false); // the same strings in a new map
        assertSame(map, copy.getContextData());
        assertEquals("r-1", copy.getContextData().getValue(request));
        assertEquals("alice", copy.getContextData().getValue("user"));

        copy.clear();
        copy.copy(withContext(request, "r-2", "user", "alice"), false);
        assertEquals("r-2", copy.getContextData().getValue(request));
        copy.clear();
        copy.copy(withContext(request, "r-2"), false);
        assertEquals(1, copy.getContextData().size());
        assertNull(copy.getContextData().getValue("user"));
        copy.clear();
        copy.copy(withContext(), false);
        assertTrue(copy.getContextData().isEmpty());
    }

    @Test
    void aHolderCopiesALargeContextMapEveryTime() {
        String[] entries = new String[2 * 40];
        for (int i = 0; i < 40; i++) {
            entries[2 * i] = "k" + i;
            entries[2 * i + 1] = "v" + i;
        }
        CopiedLogEvent copy = new CopiedLogEvent(true);
        copy.copy(withContext(entries), false);
        copy.clear();
        entries[79] = "changed";
        copy.copy(withContext(entries), false);
        assertEquals(40, copy.getContextData().size());
        assertEquals("changed", copy.getContextData().getValue("k39"));
    }

    @Test
    void aHolderThatNeedsNoArgumentsKeepsTheTextOnly() {
        Object argument = new Object() {
            @Override
            public String toString() {
                return "arg";
            }
        };
        CopiedLogEvent copy = new CopiedLogEvent(false);
        copy.copy(reusedEvent("with {}", argument), false);
        assertEquals("with arg", copy.getMessage().getFormattedMessage());
        assertEquals("with {}", copy.getMessage().getFormat());
        assertEquals(0, copy.getMessage().getParameters().length);
    }

    @Test
    void onlyAPatternLayoutOfLog4j2sOwnConvertersReadsNoArguments() {
        assertFalse(AppendObjectAppender.layoutMayReadArguments(
                PatternLayout.newBuilder().withPattern("%d %-5level [%X{request}] %logger - %msg%n").build(), null));
        assertTrue(AppendObjectAppender.layoutMayReadArguments(
                org.apache.logging.log4j.layout.template.json.JsonTemplateLayout.newBuilder()
                        .setConfiguration(new org.apache.logging.log4j.core.config.DefaultConfiguration())
                        .setEventTemplate("{\"message\": {\"$resolver\": \"message\"}}").build(), null));
    }

    @Test
    void aHolderTrimsItsTextAfterAnUnusuallyLongMessage() {
        CopiedLogEvent copy = new CopiedLogEvent(true);
        copy.copy(reusedEvent("{}", "x".repeat(100_000)), false);
        assertEquals(100_000, copy.getMessage().getFormattedMessage().length());
        copy.clear();
        copy.copy(reusedEvent("short"), false);
        assertEquals("short", copy.getMessage().getFormattedMessage());
        assertTrue(((CopiedText) copy.getMessage()).chars.capacity() < 100_000);
    }

    /** 4,096 holders that once held 40 KiB messages keep a few MiB, not 160 MiB. */
    @Test
    void aClearedHolderKeepsNoMoreThanLog4j2KeepsInItsReusableMessages() {
        int keep = org.apache.logging.log4j.core.util.Constants.MAX_REUSABLE_MESSAGE_SIZE;
        for (String big : new String[] {"x".repeat(40 * 1024), "\u4e2d".repeat(40 * 1024)}) {
            CopiedLogEvent copy = new CopiedLogEvent(true);
            copy.copy(reusedEvent("{} {}", big, "y".repeat(1000)), false);
            CopiedText text = (CopiedText) copy.getMessage();
            assertTrue(text.chars.capacity() >= 40 * 1024);
            copy.clear();
            assertTrue(text.chars.capacity() <= keep, text.chars.capacity() + " chars kept");
            assertEquals(0, text.getParameterCount());
        }
    }

    @Test
    void aMessageThatIsNotPlainTextIsKeptAsAnObjectForTheLayout() {
        StringMapMessage map = new StringMapMessage().with("user", "u-7");
        LogEvent event = Log4jLogEvent.newBuilder().setLoggerName("it.map").setLevel(Level.INFO).setMessage(map).build();
        CopiedLogEvent copy = new CopiedLogEvent(true);
        copy.copy(event, false);
        assertSame(map, copy.getMessage());

        PatternLayout layout = PatternLayout.newBuilder().withPattern("%K{user}|%m%n").build();
        ByteBuffer bytes = new LayoutEncoder(layout).encode(copy);
        assertEquals("u-7|user=\"u-7\"\n", StandardCharsets.UTF_8.decode(bytes).toString());
    }

    @Test
    void aReusableObjectMessageIsKeptAsItsMemento() {
        ReusableObjectMessage reused = new ReusableObjectMessage();
        reused.set(42);
        LogEvent event = Log4jLogEvent.newBuilder().setLoggerName("it.object").setLevel(Level.INFO).setMessage(reused).build();
        CopiedLogEvent copy = new CopiedLogEvent(true);
        copy.copy(event, false);
        Message kept = copy.getMessage();
        assertInstanceOf(ObjectMessage.class, kept);
        assertArrayEquals(new Object[] {42}, kept.getParameters());
    }

    @Test
    void anImmutableCopyCarriesTheText() {
        CopiedLogEvent copy = new CopiedLogEvent(true);
        copy.copy(reusedEvent("frozen {}", "text"), false);
        LogEvent immutable = copy.toImmutable();
        copy.clear();
        assertEquals("frozen text", immutable.getMessage().getFormattedMessage());
        assertEquals("r-1", immutable.getContextData().getValue("request"));
    }

    @Test
    void serializesAsAnImmutableEvent() throws Exception {
        CopiedLogEvent copy = new CopiedLogEvent(true);
        copy.copy(reusedEvent("sent {}", "away"), true);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(copy);
        }
        copy.clear();
        Object read;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            read = in.readObject();
        }
        LogEvent event = assertInstanceOf(Log4jLogEvent.class, read);
        assertEquals("sent away", event.getMessage().getFormattedMessage());
        assertEquals("r-1", event.getContextData().getValue("request"));
        assertEquals("Caller.java", event.getSource().getFileName());
    }

    @Test
    void theCopierReportsTheMessageLengthAsItsSizeHint() {
        LogEventCopier copier = new LogEventCopier(new LayoutEncoder(PatternLayout.newBuilder().withPattern("%m%n").build()), false, true);
        CopiedLogEvent holder = copier.newHolder();
        LogEvent event = Log4jLogEvent.newBuilder().setLoggerName("it.hint").setLevel(Level.INFO)
                .setMessage(new ReusableParameterizedMessage().set("{} chars", "twelve")).build();
        assertEquals("twelve chars".length(), copier.copy(event, holder));
        assertEquals("twelve chars\n", StandardCharsets.UTF_8.decode(copier.encode(holder)).toString());
        copier.clear(holder);
        assertEquals("", holder.getMessage().getFormattedMessage());
    }
}
