package io.github.appendlog.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigValuesTest {

    @Test
    void sizes() {
        assertEquals(1048576L, ConfigValues.parseBytes("1048576"));
        assertEquals(512L * 1024, ConfigValues.parseBytes("512 KB"));
        assertEquals(4L << 20, ConfigValues.parseBytes("4MB"));
        assertEquals(4L << 20, ConfigValues.parseBytes(" 4 mib "));
        assertEquals(5L << 30, ConfigValues.parseBytes("5 GB"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfigValues.parseBytes("4 PB"))
                .getMessage().contains("unknown size unit 'pb'"));
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.parseBytes("-1"));
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.parseBytes("lots"));
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.parseBytes("99999999999999999999 GB"));
    }

    @Test
    void sizesAsLogbackAndLog4j2AcceptThemAndLarger() {
        long kib = 1024;
        long gib = 1L << 30;
        assertEquals(10 * kib, ConfigValues.parseBytes("10kb"));
        assertEquals(10 * kib, ConfigValues.parseBytes("10 KiB"));
        assertEquals(10 * kib, ConfigValues.parseBytes("10k"), "Log4j2: K");
        assertEquals(10 * kib, ConfigValues.parseBytes("10kbs"), "Logback: an optional s");
        assertEquals(10L << 20, ConfigValues.parseBytes("10 MBs"));
        assertEquals(2, ConfigValues.parseBytes("2 bytes"));
        assertEquals(gib + gib / 2, ConfigValues.parseBytes("1.5 GB"));
        assertEquals(gib / 2, ConfigValues.parseBytes(".5g"));
        assertEquals(1L << 40, ConfigValues.parseBytes("1 TB"));
        assertEquals(3L << 40, ConfigValues.parseBytes("3TiB"));
        assertEquals(2L << 20, ConfigValues.parseBytes("2 megabytes"));
        assertEquals(1536, ConfigValues.parseBytes("1.5 KB"));
        assertEquals(1, ConfigValues.parseBytes("1.9 B"), "rounded down to whole bytes");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfigValues.parseBytes("1,5 GB"))
                .getMessage().contains("comma"));
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.parseBytes("1.5.2 MB"));
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.parseBytes("MB"));
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.parseBytes("9000000 TB"));
    }

    @Test
    void durationsAsLogbackAndLog4j2AcceptThemAndLarger() {
        assertEquals(Duration.ofDays(1), ConfigValues.parseDuration("1 day"));
        assertEquals(Duration.ofDays(2), ConfigValues.parseDuration("2 days"));
        assertEquals(Duration.ofDays(7), ConfigValues.parseDuration("7d"));
        assertEquals(Duration.ofMillis(500), ConfigValues.parseDuration("500 millis"));
        assertEquals(Duration.ofMillis(1), ConfigValues.parseDuration("1 milli"));
        assertEquals(Duration.ofMillis(3), ConfigValues.parseDuration("3 millisecond"));
        assertEquals(Duration.ofSeconds(2), ConfigValues.parseDuration("2 secondes"), "Logback's French spelling");
        assertEquals(Duration.ofSeconds(5), ConfigValues.parseDuration("5 SECONDS"));
        assertEquals(Duration.ofMinutes(90), ConfigValues.parseDuration("1.5 hours"));
        assertEquals(Duration.ofMinutes(3), ConfigValues.parseDuration("3 mins"));
        assertEquals(Duration.ofHours(1), ConfigValues.parseDuration("PT1H"));
        assertEquals(Duration.ofHours(1), ConfigValues.parseDuration("pt1h"));
        assertEquals(Duration.ofDays(1), ConfigValues.parseDuration("P1D"));
        assertEquals(Duration.ofHours(36), ConfigValues.parseDuration("1DT12H"), "Log4j2's rolling Duration without P");
        assertEquals(Duration.ofMinutes(5), ConfigValues.parseDuration("T5M"));
        assertEquals(Duration.ofMillis(1500), ConfigValues.parseDuration("PT1.5S"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfigValues.parseDuration("2 weeks"))
                .getMessage().contains("unknown time unit 'weeks'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfigValues.parseDuration("1,5 s"))
                .getMessage().contains("comma"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfigValues.parseDuration("tomorrow"))
                .getMessage().contains("is not a duration"));
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.parseDuration("-5 s"));
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.parseDuration("PT"));
    }

    @Test
    void durations() {
        assertEquals(Duration.ofMillis(250), ConfigValues.parseDuration("250"));
        assertEquals(Duration.ofMillis(250), ConfigValues.parseDuration("250 ms"));
        assertEquals(Duration.ofSeconds(1), ConfigValues.parseDuration("1 second"));
        assertEquals(Duration.ofSeconds(30), ConfigValues.parseDuration("30 seconds"));
        assertEquals(Duration.ofMillis(1500), ConfigValues.parseDuration("1.5s"));
        assertEquals(Duration.ofMinutes(2), ConfigValues.parseDuration("2 minutes"));
        assertEquals(Duration.ofHours(1), ConfigValues.parseDuration("1h"));
        assertEquals(Duration.ofSeconds(30), ConfigValues.parseDuration("PT30S"));
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.parseDuration("soon"));
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.parseDuration("3 fortnights"));
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.parseDuration("Pnonsense"));
    }
}
