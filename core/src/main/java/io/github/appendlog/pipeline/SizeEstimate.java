package io.github.appendlog.pipeline;

/**
 * The size hint adapters give with an event handed over unencoded (see
 * {@link AppendPipeline#offer(Object, EventEncoder, boolean, int)}): the formatted message's length
 * plus a guess for its stack traces. The pipeline adds what it learned the encoder adds (dates,
 * levels, names), so the hint only needs to follow what varies from event to event.
 */
public final class SizeEstimate {
    /** A stack frame line, e.g. {@code \tat com.example.orders.OrderService.accept(OrderService.java:42)}. */
    static final int BYTES_PER_FRAME = 80;
    private static final int MAX_CAUSES = 16;

    private SizeEstimate() {
    }

    /** The hint for a message of {@code messageLength} characters and an optional throwable (with its causes). */
    public static int of(int messageLength, Throwable thrown) {
        long hint = Math.max(0, messageLength);
        Throwable t = thrown;
        for (int causes = 0; t != null && causes < MAX_CAUSES; causes++, t = t.getCause()) {
            String text = t.getMessage();
            hint += t.getClass().getName().length() + (text == null ? 0 : text.length())
                    + (long) t.getStackTrace().length * BYTES_PER_FRAME;
        }
        return (int) Math.min(Integer.MAX_VALUE, hint);
    }
}
