package io.github.appendlog.benchmarks;

/**
 * The one log line every benchmark writes: a realistic ~150-byte PatternLayout line with one
 * argument and two MDC entries, identical under Logback and Log4j2.
 *
 * <pre>
 * 2025-11-25 07:49:13.123 INFO  com.example.orders.OrderService [req=7f3a9c2e-41d0 user=alice] - Order A-1048576 accepted: 3 items, 149.90 EUR, warehouse 7
 * </pre>
 */
public final class LogLine {
    /** Same syntax in Logback and Log4j2; passed to the XML files as {@code bench.pattern}. */
    public static final String PATTERN =
            "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger [req=%X{requestId} user=%X{userId}] - %msg%n";
    public static final String LOGGER_NAME = "com.example.orders.OrderService";
    public static final String TEMPLATE = "Order {} accepted: 3 items, 149.90 EUR, warehouse 7";
    public static final String ARGUMENT = "A-1048576";
    public static final String MDC_REQUEST_KEY = "requestId";
    public static final String MDC_REQUEST_VALUE = "7f3a9c2e-41d0";
    public static final String MDC_USER_KEY = "userId";
    public static final String MDC_USER_VALUE = "alice";
    /** Bytes of one encoded line with its newline (the argument varies in the throughput runner). */
    public static final int APPROX_BYTES = 155;

    /** Application work between two log calls in the unsaturated regime (~7.5 µs here). */
    public static final long WORK_TOKENS = 5000;

    private LogLine() {
    }
}
