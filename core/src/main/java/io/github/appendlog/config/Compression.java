package io.github.appendlog.config;

import java.util.Locale;

/** How each batch is stored: as the log text itself, or as one gzip member of it. */
public enum Compression {
    /** The log text as it is (default). */
    NONE,
    /**
     * Each batch is one complete gzip member, so the object is a valid multi-member gzip stream at
     * every append boundary ({@code gzip -dc}, {@code GZIPInputStream}).
     */
    GZIP;

    /** The name as users type it: {@code none} or {@code gzip}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
