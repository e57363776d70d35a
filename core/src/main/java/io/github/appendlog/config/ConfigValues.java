package io.github.appendlog.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the values users type in XML: sizes ({@code 4 MB}, {@code 512KiB}, {@code 1048576}),
 * durations ({@code 30 seconds}, {@code 500 ms}, {@code 2m}), whole numbers, percents, booleans and
 * the enums. Sizes use binary multiples (1 KB = 1024 bytes), as Logback's {@code FileSize} does.
 * Each parser throws {@link IllegalArgumentException} with a message that quotes the text and says
 * what was expected; the caller prefixes the setting's name.
 */
public final class ConfigValues {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([a-z]*)");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-z]*)");

    private ConfigValues() {
    }

    /** Bytes from {@code 123}, {@code 4 KB}, {@code 4KiB}, {@code 32 MB}, {@code 5 GB}. */
    public static long parseBytes(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIZE.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (examples: 1048576, 512 KB, 4 MB, 1 GB)");
        }
        long multiplier;
        switch (m.group(2)) {
            case "":
            case "b":
            case "bytes":
                multiplier = 1;
                break;
            case "k":
            case "kb":
            case "kib":
                multiplier = 1L << 10;
                break;
            case "m":
            case "mb":
            case "mib":
                multiplier = 1L << 20;
                break;
            case "g":
            case "gb":
            case "gib":
                multiplier = 1L << 30;
                break;
            default:
                throw new IllegalArgumentException("'" + text + "' has an unknown size unit (use B, KB, MB or GB)");
        }
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), multiplier);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
    }

    /** A duration from {@code 250} (milliseconds, as Logback reads it), {@code 250 ms}, {@code 1 second}, {@code 30 seconds}, {@code 2 minutes}, {@code 1h}, or ISO-8601 {@code PT30S}. */
    public static Duration parseDuration(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("pt") || s.startsWith("p")) {
            try {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 500 ms, 30 seconds, 2 minutes)");
            }
        }
        Matcher m = DURATION.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 500 ms, 30 seconds, 2 minutes)");
        }
        double amount = Double.parseDouble(m.group(1));
        double millisPerUnit;
        switch (m.group(2)) {
            case "":
            case "ms":
            case "millis":
            case "millisecond":
            case "milliseconds":
                millisPerUnit = 1;
                break;
            case "s":
            case "sec":
            case "second":
            case "seconds":
                millisPerUnit = 1_000;
                break;
            case "m":
            case "min":
            case "minute":
            case "minutes":
                millisPerUnit = 60_000;
                break;
            case "h":
            case "hour":
            case "hours":
                millisPerUnit = 3_600_000;
                break;
            default:
                throw new IllegalArgumentException("'" + text + "' has an unknown time unit (use ms, seconds, minutes or hours)");
        }
        return Duration.ofMillis(Math.round(amount * millisPerUnit));
    }

    /** The trimmed text, or null when it is null or blank. */
    public static String text(String text) {
        return text == null || text.trim().isEmpty() ? null : text.trim();
    }

    /** A whole number such as {@code 5}. */
    public static int parseInt(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
    }

    /** A whole number of percent, with or without {@code %}: {@code 80}, {@code 80%}. */
    public static int parsePercent(String text) {
        String s = text.trim();
        return parseInt(s.endsWith("%") ? s.substring(0, s.length() - 1) : s);
    }

    /** {@code true} or {@code false}, in any case. */
    public static boolean parseBoolean(String text) {
        String s = text.trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException("'" + text + "' is not true or false");
    }

    /** {@code V4} or {@code V1}; also {@code 4}, {@code 1}, {@code OSS4-HMAC-SHA256}, {@code OSS}. */
    public static SignatureVersion parseSignatureVersion(String text) {
        switch (text.trim().toUpperCase(Locale.ROOT)) {
            case "V4":
            case "4":
            case "OSS4-HMAC-SHA256":
                return SignatureVersion.V4;
            case "V1":
            case "1":
            case "OSS":
                return SignatureVersion.V1;
            default:
                throw new IllegalArgumentException("'" + text + "' is not V4 or V1");
        }
    }

    /** {@code DROP} or {@code BLOCK}, in any case. */
    public static OverflowPolicy parseOverflowPolicy(String text) {
        try {
            return OverflowPolicy.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not DROP or BLOCK");
        }
    }
}
