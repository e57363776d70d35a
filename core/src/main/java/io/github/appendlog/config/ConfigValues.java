package io.github.appendlog.config;

import java.time.Duration;
import java.util.Locale;

/**
 * Parses the values users type in XML: sizes ({@code 4 MB}, {@code 512KiB}, {@code 1.5 GB}),
 * durations ({@code 30 seconds}, {@code 500 ms}, {@code 2 days}, {@code PT1H}), whole numbers, percents, booleans and
 * the enums. Sizes use binary multiples (1 KB = 1024 bytes), as Logback's {@code FileSize} does.
 * Each parser throws {@link IllegalArgumentException} with a message that quotes the text and says
 * what was expected; the caller prefixes the setting's name.
 */
public final class ConfigValues {
    private ConfigValues() {
    }

    /**
     * Bytes from {@code 123}, {@code 4 KB}, {@code 4KiB}, {@code 10kb}, {@code 32 MBs}, {@code 1.5 GB},
     * {@code 1 TB} (binary multiples).
     */
    public static long parseBytes(String text) {
        return Quantities.bytes(text);
    }

    /**
     * A duration from {@code 250} (milliseconds, as Logback reads it), {@code 250 ms}, {@code 500 millis},
     * {@code 1.5 seconds}, {@code 2 minutes}, {@code 1h}, {@code 1 day}, {@code 2 days}, ISO-8601
     * {@code PT30S} / {@code P1D}, or Log4j2's {@code 1DT12H}.
     */
    public static Duration parseDuration(String text) {
        return Quantities.duration(text);
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

    /** {@code none} or {@code gzip}, in any case. */
    public static JournalSync parseJournalSync(String text) {
        return parseEnum(JournalSync.class, text);
    }

    public static JournalOverflowPolicy parseJournalOverflowPolicy(String text) {
        return parseEnum(JournalOverflowPolicy.class, text);
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String text) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    public static Compression parseCompression(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "none":
                return Compression.NONE;
            case "gzip":
                return Compression.GZIP;
            default:
                throw new IllegalArgumentException("'" + text + "' is not none or gzip");
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
