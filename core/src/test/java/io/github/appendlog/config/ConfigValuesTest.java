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
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfigValues.parseBytes("4 TB"))
                .getMessage().contains("unit"));
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.parseBytes("-1"));
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.parseBytes("lots"));
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.parseBytes("99999999999999999999 GB"));
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
