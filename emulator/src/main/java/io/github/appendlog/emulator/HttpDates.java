package io.github.appendlog.emulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The date formats of OSS replies. */
final class HttpDates {
    private static final DateTimeFormatter RFC_1123 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    /** {@code Last-Modified} style: {@code Wed, 28 Dec 2022 10:27:41 GMT}. */
    static String rfc1123(long epochMillis) {
        return RFC_1123.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Listing style: {@code 2022-12-28T10:27:41.000Z}. */
    static String iso(long epochMillis) {
        return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }
}
