package io.github.appendlog.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.config.InvalidConfigException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ObjectKeyPatternTest {
    private static final Instant T = Instant.parse("2026-11-25T23:42:01Z");

    @Test
    void formatsDateInUtcAndIndex() {
        ObjectKeyPattern p = ObjectKeyPattern.parse("logs/app/%d{yyyy-MM-dd}/host-1-%i.log");
        assertEquals("logs/app/2026-11-25/host-1-0.log", p.key(T, 0));
        assertEquals("logs/app/2026-11-25/host-1-7.log", p.key(T, 7));
        assertTrue(p.hasIndex());
        assertTrue(p.hasDate());
    }

    @Test
    void plainPercentDIsADayAndZonesAreHonoured() {
        assertEquals("a/2026-11-25.log", ObjectKeyPattern.parse("a/%d.log").key(T, 0));
        assertEquals("a/2026-11-26-07.log",
                ObjectKeyPattern.parse("a/%d{yyyy-MM-dd-HH, Asia/Shanghai}.log").key(T, 0));
        assertEquals("100%/x", ObjectKeyPattern.parse("100%%/x").key(T, 0));
    }

    @Test
    void log4j2sZoneInASecondOptionIsHonouredAndNotKeyText() {
        assertEquals("a/2026-11-26-07.log", ObjectKeyPattern.parse("a/%d{yyyy-MM-dd-HH}{Asia/Shanghai}.log").key(T, 0));
        assertEquals("a/2026-11-26-07-0.log", ObjectKeyPattern.parse("a/%d{yyyy-MM-dd-HH}{GMT+8}-%i.log").key(T, 0));
        assertEquals("a/23:42:01,000.log", ObjectKeyPattern.parse("a/%d{HH:mm:ss,SSS}{UTC}.log").key(T, 0),
                "with a zone option, a comma belongs to the date pattern");
        assertEquals("a/2026-11-26/x", ObjectKeyPattern.parse("a/%d{}{+08:00}/x").key(T, 0));
    }

    @Test
    void anUnknownOptionIsAnErrorNeverKeyText() {
        assertTrue(message("a/%d{yyyy}{UTC}{x}.log").contains("'%d' takes at most {date pattern}{time zone}, but has {x}"));
        assertTrue(message("a/%d{yyyy}{Mars/Base}.log").contains("'Mars/Base' in %d{Mars/Base} is not a time zone"));
        assertTrue(message("a/%i{3}.log").contains("'%i' takes no option"));
        assertTrue(message("a/%d{yyyy}{UTC.log").contains("has no closing '}'"));
    }

    @Test
    void periodChangesOnlyWhenAFormattedDateChanges() {
        ObjectKeyPattern p = ObjectKeyPattern.parse("logs/%d{yyyy-MM-dd}/%d{HH}-%i.log");
        assertEquals(p.period(T), p.period(T.plusSeconds(10)));
        assertNotEquals(p.period(T), p.period(T.plusSeconds(3600)));
        assertEquals("", ObjectKeyPattern.parse("logs/app-%i.log").period(T));
    }

    @Test
    void hiveStyleKeysWithTwoDatesFormatBothAndRollHourly() {
        ObjectKeyPattern p = ObjectKeyPattern.parse("logs/app/dt=%d{yyyy-MM-dd}/hour=%d{HH}/host-1-%i.jsonl");
        assertEquals("logs/app/dt=2026-11-25/hour=23/host-1-0.jsonl", p.key(T, 0));
        assertEquals(p.period(T), p.period(T.plusSeconds(60)));
        assertNotEquals(p.period(T), p.period(T.plusSeconds(3600)));
        assertEquals("logs/app/dt=2026-11-26/hour=00/host-1-2.jsonl", p.key(T.plusSeconds(3600), 2));
    }

    @Test
    void withoutPercentIRollsBySuffixBeforeTheExtension() {
        ObjectKeyPattern p = ObjectKeyPattern.parse("logs/v1.2/app.log");
        assertFalse(p.hasIndex());
        assertEquals("logs/v1.2/app.log", p.key(T, 0));
        assertEquals("logs/v1.2/app.1.log", p.key(T, 1));
        assertEquals("logs/v1.2/app.2", ObjectKeyPattern.parse("logs/v1.2/app").key(T, 2));
        assertEquals("logs/.hidden.3", ObjectKeyPattern.parse("logs/.hidden").key(T, 3));
    }

    @Test
    void badPatternsSayWhatIsWrong() {
        assertTrue(message("logs/%d{yyyy-bb}.log").contains("%d{yyyy-bb} is not a valid date pattern"));
        assertTrue(message("logs/%d{yyyy-MM-dd.log").contains("has no closing '}'"));
        assertTrue(message("logs/%d{yyyy, Mars/Base}.log").contains("'Mars/Base'"));
        assertTrue(message("logs/%x.log").contains("'%x' is not known"));
        assertTrue(message("logs/app%").contains("lone '%'"));
        assertTrue(message(" ").contains("empty"));
    }

    @Test
    void aBadPatternIsAConfigurationErrorNamingObjectKey() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> AppendlogConfig.builder()
                .endpoint("http://127.0.0.1:1").region("cn-hangzhou").bucket("logs").accessKeyId("id")
                .accessKeySecret("secret").objectKey("logs/%d{yyyy-bb}/app.log").build());
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith("objectKey: 'logs/%d{yyyy-bb}/app.log': %d{yyyy-bb} is not a valid date pattern"),
                e.problems().get(0));
    }

    private static String message(String pattern) {
        return assertThrows(IllegalArgumentException.class, () -> ObjectKeyPattern.parse(pattern)).getMessage();
    }

    @Test
    void indexPrefixAndIndexOfAKey() {
        java.time.Instant t = java.time.Instant.parse("2026-11-25T10:00:00Z");
        ObjectKeyPattern p = ObjectKeyPattern.parse("a/%d{yyyy-MM-dd}/x-%i.log");
        assertEquals("a/2026-11-25/x-", p.indexPrefix(t));
        assertEquals(149, p.indexOf(t, "a/2026-11-25/x-149.log"));
        assertEquals(0, p.indexOf(t, "a/2026-11-25/x-0.log"));
        assertEquals(-1, p.indexOf(t, "a/2026-11-25/x-07.log"));
        assertEquals(-1, p.indexOf(t, "a/2026-11-25/x-abc.log"));
        assertEquals(-1, p.indexOf(t, "a/2026-11-25/x-1.log.bak"));
        assertEquals(-1, p.indexOf(t, "a/2026-11-25/x-99999999999.log"));
        ObjectKeyPattern plain = ObjectKeyPattern.parse("logs/app.log");
        assertEquals("logs/app", plain.indexPrefix(t));
        assertEquals(0, plain.indexOf(t, "logs/app.log"));
        assertEquals(12, plain.indexOf(t, "logs/app.12.log"));
        assertEquals(-1, plain.indexOf(t, "logs/app.x.log"));
        assertEquals(-1, plain.indexOf(t, "logs/application.log"));
    }
}
