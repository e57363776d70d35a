package io.github.appendlog.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes and durations as users write them: every spelling Logback's {@code FileSize} and
 * {@code Duration} and Log4j2's {@code FileSize}, {@code Duration} converter and rolling
 * {@code Duration} accept, plus decimals and larger units. Units are case-insensitive, a space
 * between number and unit is optional. Sizes are binary multiples (1 KB = 1024 bytes, as in both
 * frameworks), rounded down to whole bytes; durations are rounded to whole milliseconds. A comma is
 * refused rather than guessed as a decimal or a thousands separator.
 */
final class Quantities {
    private static final Pattern AMOUNT = Pattern.compile("(\\d*\\.?\\d+)\\s*([a-z]*)");
    private static final Map<String, Long> SIZE_UNITS = new HashMap<>();
    private static final Map<String, Long> TIME_UNITS = new HashMap<>();

    static {
        sizeUnit(1, "", "b", "byte", "bytes");
        String[] prefixes = {"k", "m", "g", "t"};
        String[] words = {"kilobyte", "megabyte", "gigabyte", "terabyte"};
        for (int i = 0; i < prefixes.length; i++) {
            String p = prefixes[i];
            sizeUnit(1L << (10 * (i + 1)), p, p + "b", p + "bs", p + "ib", words[i], words[i] + "s");
        }
        timeUnit(1, "", "ms", "msec", "msecs", "milli", "millis", "millisecond", "milliseconds");
        timeUnit(1_000, "s", "sec", "secs", "second", "seconds", "seconde", "secondes");
        timeUnit(60_000, "m", "min", "mins", "minute", "minutes");
        timeUnit(3_600_000, "h", "hr", "hrs", "hour", "hours");
        timeUnit(86_400_000, "d", "day", "days");
    }

    private Quantities() {
    }

    private static void sizeUnit(long bytes, String... names) {
        for (String name : names) {
            SIZE_UNITS.put(name, bytes);
        }
    }

    private static void timeUnit(long millis, String... names) {
        for (String name : names) {
            TIME_UNITS.put(name, millis);
        }
    }

    static long bytes(String text) {
        String s = normalized(text, "size", "1.5 GB");
        Matcher m = AMOUNT.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (examples: 1048576, 512 KB, 4 MB, 1.5 GB, 1 TB)");
        }
        Long unit = SIZE_UNITS.get(m.group(2));
        if (unit == null) {
            throw new IllegalArgumentException("'" + text + "' has an unknown size unit '" + m.group(2)
                    + "' (use B, KB, MB, GB or TB, or KiB, MiB, GiB, TiB: all multiples of 1024)");
        }
        BigDecimal value = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)).setScale(0, RoundingMode.DOWN);
        if (value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return value.longValueExact();
    }

    static Duration duration(String text) {
        String s = normalized(text, "duration", "1.5 seconds");
        if (s.startsWith("p") || s.matches("(\\d+d)?t\\d.*")) {
            // ISO-8601 (PT30S, P1D), and Log4j2's rolling form without the P (1DT12H, T5M)
            try {
                return Duration.parse((s.startsWith("p") ? s : "p" + s).toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 duration (examples: PT30S, PT1H, P1D)");
            }
        }
        Matcher m = AMOUNT.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 500 ms, 30 seconds, 2 minutes, 1 day, PT1H)");
        }
        Long unit = TIME_UNITS.get(m.group(2));
        if (unit == null) {
            throw new IllegalArgumentException("'" + text + "' has an unknown time unit '" + m.group(2)
                    + "' (use ms, seconds, minutes, hours or days; a number alone is milliseconds)");
        }
        BigDecimal millis = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)).setScale(0, RoundingMode.HALF_UP);
        if (millis.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is too long");
        }
        return Duration.ofMillis(millis.longValueExact());
    }

    private static String normalized(String text, String what, String example) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (s.matches("[\\d.]*,.*")) {
            throw new IllegalArgumentException("'" + text + "' has a comma: write a " + what
                    + " with a dot for decimals and no thousands separator (e.g. " + example + ")");
        }
        return s;
    }
}
