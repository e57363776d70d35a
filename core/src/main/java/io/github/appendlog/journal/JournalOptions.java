package io.github.appendlog.journal;

import io.github.appendlog.config.JournalOverflowPolicy;
import io.github.appendlog.config.JournalSync;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** How a {@link Journal} is opened: its directory and bounds (from the settings), and test seams. */
public final class JournalOptions {
    /** Segments are this big at most (smaller for a small {@code maxJournalBytes}: an eighth of it, at least 64 KiB). */
    public static final long MAX_SEGMENT_BYTES = 64L << 20;
    static final long MIN_SEGMENT_BYTES = 64L << 10;

    private final Path directory;
    private final long maxBytes;
    private final JournalSync sync;
    private final Duration syncInterval;
    private final JournalOverflowPolicy overflow;
    private final long segmentBytes;
    private final int maxFrameBytes;
    private final ChannelOpener channels;
    private final Duration retryInterval;

    private JournalOptions(Builder b) {
        this.directory = Objects.requireNonNull(b.directory, "directory");
        this.maxBytes = b.maxBytes;
        this.sync = b.sync;
        this.syncInterval = b.syncInterval;
        this.overflow = b.overflow;
        this.segmentBytes = b.segmentBytes > 0 ? b.segmentBytes
                : Math.max(MIN_SEGMENT_BYTES, Math.min(MAX_SEGMENT_BYTES, b.maxBytes / 8));
        this.maxFrameBytes = b.maxFrameBytes;
        this.channels = b.channels;
        this.retryInterval = b.retryInterval;
    }

    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /** The appender's own directory (the journal's files and its lock). */
    public Path directory() {
        return directory;
    }

    /** {@code maxJournalBytes}: whole files, the backlog included. */
    public long maxBytes() {
        return maxBytes;
    }

    public JournalSync sync() {
        return sync;
    }

    public Duration syncInterval() {
        return syncInterval;
    }

    public JournalOverflowPolicy overflow() {
        return overflow;
    }

    /** A segment is sealed and a new one begun once it holds this many bytes. */
    public long segmentBytes() {
        return segmentBytes;
    }

    /** A frame holds at most this many bytes of entries, unless one entry alone is bigger. */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    public ChannelOpener channels() {
        return channels;
    }

    /** How often a journal that could not be opened or written is tried again (10 s; tests shorten it). */
    public Duration retryInterval() {
        return retryInterval;
    }

    @Override
    public String toString() {
        return "JournalOptions{directory=" + directory + ", maxBytes=" + maxBytes + ", sync=" + sync
                + ", syncInterval=" + syncInterval + ", overflow=" + overflow + ", segmentBytes=" + segmentBytes + "}";
    }

    public static final class Builder {
        private final Path directory;
        private long maxBytes = 1L << 30;
        private JournalSync sync = JournalSync.INTERVAL;
        private Duration syncInterval = Duration.ofSeconds(1);
        private JournalOverflowPolicy overflow = JournalOverflowPolicy.DROP_NEWEST;
        private long segmentBytes;
        private int maxFrameBytes = 1 << 20;
        private ChannelOpener channels = ChannelOpener.DEFAULT;
        private Duration retryInterval = Duration.ofSeconds(10);

        private Builder(Path directory) {
            this.directory = directory;
        }

        public Builder maxBytes(long v) {
            this.maxBytes = v;
            return this;
        }

        public Builder sync(JournalSync v) {
            this.sync = Objects.requireNonNull(v);
            return this;
        }

        public Builder syncInterval(Duration v) {
            this.syncInterval = Objects.requireNonNull(v);
            return this;
        }

        public Builder overflow(JournalOverflowPolicy v) {
            this.overflow = Objects.requireNonNull(v);
            return this;
        }

        /** Tests: a segment size other than the one derived from {@code maxBytes}. */
        public Builder segmentBytes(long v) {
            this.segmentBytes = v;
            return this;
        }

        public Builder maxFrameBytes(int v) {
            this.maxFrameBytes = v;
            return this;
        }

        /** Tests: channels that fail. */
        public Builder channels(ChannelOpener v) {
            this.channels = Objects.requireNonNull(v);
            return this;
        }

        /** Tests: a journal that failed is tried again sooner. */
        public Builder retryInterval(Duration v) {
            this.retryInterval = Objects.requireNonNull(v);
            return this;
        }

        public JournalOptions build() {
            return new JournalOptions(this);
        }
    }
}
