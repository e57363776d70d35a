package io.github.appendlog.config;

/** What the logging thread does when the buffer is full. */
public enum OverflowPolicy {
    /** Drop the new event at once and count it (default): the application never waits. */
    DROP,
    /** Wait up to {@code maxBlockTime} for room, then drop and count. */
    BLOCK
}
